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

/** HTTP for locations. */
@Tag(name = "catalog")
@RestController
@RequestMapping("/v1/locations")
class LocationController {

  private final CatalogService catalog;

  LocationController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @Operation(operationId = "createLocation", summary = "Create a location")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Location>> create(Caller caller, @Valid @RequestBody LocationInput input) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.createLocation(caller, input).map(l -> Responses.created("/v1/locations" + "/" + l.id(), l.version(), l));
  }

  @Operation(operationId = "listLocations", summary = "List locations")
  @GetMapping
  Mono<Page<Location>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.CATALOG_READ);
    return Page.afterId(catalog.locations(caller), cursor, limit, Location::id);
  }

  @Operation(operationId = "getLocation", summary = "Get a location")
  @GetMapping("/{id}")
  Mono<ResponseEntity<Location>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_READ);
    return catalog.location(caller, id).map(l -> Responses.ok(l.version(), l));
  }

  /** Replaces the location; {@code If-Match} must carry the ETag read (412 when stale, 428 when absent). */
  @Operation(operationId = "updateLocation", summary = "Replace a location")
  @PutMapping("/{id}")
  Mono<ResponseEntity<Location>> update(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody LocationInput input) {
    caller.require(Scope.CATALOG_WRITE);
    long version = Versions.required(ifMatch);
    return catalog.updateLocation(caller, id, version, input).map(l -> Responses.ok(l.version(), l));
  }

  @Operation(operationId = "deactivateLocation", summary = "Deactivate a location")
  @PostMapping("/{id}/deactivate")
  Mono<ResponseEntity<Location>> deactivate(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.deactivateLocation(caller, id).map(l -> Responses.ok(l.version(), l));
  }
}
