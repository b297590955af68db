package io.bookpay.platform.web;

import java.net.URI;
import org.springframework.http.ResponseEntity;

/** Answers for a single versioned resource: its ETag always, and its Location when it was just created. */
public final class Responses {

  private Responses() {}

  public static <T> ResponseEntity<T> created(String location, long version, T body) {
    return ResponseEntity.created(URI.create(location)).eTag(Versions.etag(version)).body(body);
  }

  public static <T> ResponseEntity<T> ok(long version, T body) {
    return ResponseEntity.ok().eTag(Versions.etag(version)).body(body);
  }
}
