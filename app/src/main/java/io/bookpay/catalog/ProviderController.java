package io.bookpay.catalog;

import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
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

/** HTTP for providers, their weekly hours and their time off. */
@Tag(name = "catalog")
@RestController
@RequestMapping("/v1/providers")
class ProviderController {

  record HoursInput(@NotNull @Size(max = 100) List<@Valid @NotNull WorkingHours> hours) {}

  record TimeOffInput(@NotNull Instant start, @NotNull Instant end, @Size(max = 500) String reason) {}

  private final CatalogService catalog;

  ProviderController(CatalogService catalog) {
    this.catalog = catalog;
  }

  @Operation(operationId = "createProvider", summary = "Create a provider")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Provider>> create(Caller caller, @Valid @RequestBody ProviderInput input) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.createProvider(caller, input).map(p -> Responses.created("/v1/providers" + "/" + p.id(), p.version(), p));
  }

  @Operation(operationId = "listProviders", summary = "List providers")
  @GetMapping
  Mono<Page<Provider>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.CATALOG_READ);
    return Page.afterId(catalog.providers(caller), cursor, limit, Provider::id);
  }

  @Operation(operationId = "getProvider", summary = "Get a provider")
  @GetMapping("/{id}")
  Mono<ResponseEntity<Provider>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_READ);
    return catalog.provider(caller, id).map(p -> Responses.ok(p.version(), p));
  }

  /** Replaces name, locations and services; {@code If-Match} must carry the ETag read. */
  @Operation(operationId = "updateProvider", summary = "Replace a provider")
  @PutMapping("/{id}")
  Mono<ResponseEntity<Provider>> update(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody ProviderInput input) {
    caller.require(Scope.CATALOG_WRITE);
    long version = Versions.required(ifMatch);
    return catalog.updateProvider(caller, id, version, input).map(p -> Responses.ok(p.version(), p));
  }

  @Operation(operationId = "deactivateProvider", summary = "Deactivate a provider")
  @PostMapping("/{id}/deactivate")
  Mono<ResponseEntity<Provider>> deactivate(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.deactivateProvider(caller, id).map(p -> Responses.ok(p.version(), p));
  }

  @Operation(operationId = "getWorkingHours", summary = "Get a provider's weekly working hours")
  @GetMapping("/{id}/working-hours")
  Mono<HoursInput> hours(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CATALOG_READ);
    return catalog.hours(caller, id).collectList().map(HoursInput::new);
  }

  /** Replaces the whole weekly schedule. */
  @Operation(operationId = "replaceWorkingHours", summary = "Replace a provider's weekly working hours")
  @PutMapping("/{id}/working-hours")
  Mono<HoursInput> replaceHours(Caller caller, @PathVariable UUID id, @Valid @RequestBody HoursInput input) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.replaceHours(caller, id, input.hours()).map(HoursInput::new);
  }

  /** The provider's time off by start. */
  @Operation(operationId = "listTimeOff", summary = "List a provider's time off")
  @GetMapping("/{id}/time-off")
  Mono<Page<TimeOff>> timeOff(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.CATALOG_READ);
    return Page.of(catalog.timeOff(caller, id, PageCursor.keyed(cursor), limit + 1), limit, t -> PageCursor.after(t.start(), t.id()));
  }

  @Operation(operationId = "addTimeOff", summary = "Add time off for a provider")
  @PostMapping("/{id}/time-off")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<TimeOff> addTimeOff(Caller caller, @PathVariable UUID id, @Valid @RequestBody TimeOffInput input) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.addTimeOff(caller, id, input.start(), input.end(), input.reason());
  }

  @Operation(operationId = "removeTimeOff", summary = "Remove time off")
  @DeleteMapping("/{id}/time-off/{timeOffId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> removeTimeOff(Caller caller, @PathVariable UUID id, @PathVariable UUID timeOffId) {
    caller.require(Scope.CATALOG_WRITE);
    return catalog.removeTimeOff(caller, id, timeOffId);
  }
}
