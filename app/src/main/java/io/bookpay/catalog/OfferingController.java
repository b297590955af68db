package io.bookpay.catalog;

import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for services (what a tenant sells). */
@Tag(name = "catalog")
@RestController
@RequestMapping("/v1/services")
class OfferingController {

  private final CatalogService catalog;

  OfferingController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @Operation(operationId = "createService", summary = "Create a service")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Offering>> create(Caller caller, @Valid @RequestBody OfferingInput input) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.createOffering(caller, input).map(o -> Responses.created("/v1/services" + "/" + o.id(), o.version(), o));
  }

  @Operation(operationId = "listServices", summary = "List services")
  @GetMapping
  Mono<Page<Offering>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.CATALOG_READ);
    return Page.afterId(catalog.offerings(caller), cursor, limit, Offering::id);
  }

  @Operation(operationId = "getService", summary = "Get a service")
  @GetMapping("/{id}")
  Mono<ResponseEntity<Offering>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_READ);
    return catalog.offering(caller, id).map(o -> Responses.ok(o.version(), o));
  }

  /** Replaces the service; {@code If-Match} must carry the ETag read. Existing bookings keep their price and period. */
  @Operation(operationId = "updateService", summary = "Replace a service")
  @PutMapping("/{id}")
  Mono<ResponseEntity<Offering>> update(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody OfferingInput input) {
    caller.require(Scope.CATALOG_WRITE);
    long version = Versions.required(ifMatch);
    return catalog.updateOffering(caller, id, version, input).map(o -> Responses.ok(o.version(), o));
  }

  @Operation(operationId = "deactivateService", summary = "Deactivate a service")
  @PostMapping("/{id}/deactivate")
  Mono<ResponseEntity<Offering>> deactivate(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.retireOffering(caller, id, false).map(o -> Responses.ok(o.version(), o));
  }

  /** Soft delete: the service disappears from the API; bookings that refer to it stay intact. */
  @Operation(operationId = "deleteService", summary = "Delete a service")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.retireOffering(caller, id, true).then();
  }
}
