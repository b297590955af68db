package io.bookpay.catalog;

import io.bookpay.platform.web.Versions;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Response helpers shared by the catalog controllers: ETags on every single resource. */
final class CatalogResponses {

  /** A list answer; catalogs are small (tens of rows), so lists are not paged. */
  record Items<T>(List<T> items) {}

  private CatalogResponses() {}

  static <T> ResponseEntity<T> created(String path, Object id, long version, T body) {
    return ResponseEntity.created(URI.create(path + "/" + id)).eTag(Versions.etag(version)).body(body);
  }

  static <T> ResponseEntity<T> ok(long version, T body) {
    return ResponseEntity.status(HttpStatus.OK).eTag(Versions.etag(version)).body(body);
  }
}
