package io.bookpay.tenant;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The caller's own tenant profile. Changing it takes {@code api-keys:manage}, the scope that already
 * governs the tenant's access as a whole; reading it also {@code reports:read}, since reports are
 * read in the tenant's zone.
 */
@Tag(name = "tenants")
@RestController
@RequestMapping("/v1/tenant")
class TenantController {

  static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private final TenantService tenants;

  TenantController(TenantService tenants) {
    this.tenants = tenants;
  }

  @GetMapping
  @Operation(operationId = "getTenantProfile", summary = "The caller's tenant profile (name, time zone, branding) with its ETag",
      description = "Scope api-keys:manage or reports:read.")
  Mono<ResponseEntity<Tenant>> get(Caller caller) {
    if (!caller.has(Scope.REPORTS_READ)) {
      caller.require(Scope.API_KEYS_MANAGE);
    }
    return tenants.current(caller.tenantId()).map(t -> Responses.ok(t.version(), t));
  }

  @PatchMapping(consumes = {MERGE_PATCH_JSON, "application/json"})
  @Operation(operationId = "patchTenantProfile", summary = "Change the caller's tenant profile with a JSON merge patch",
      description = """
          Scope api-keys:manage. A JSON merge patch (RFC 7396, application/merge-patch+json; application/json is accepted \
          too) of {name, timeZone, displayName, brandColor, logoUrl, contactEmail, contactPhone, address}: timeZone is an \
          IANA zone (e.g. Europe/Berlin), null for the default UTC; the reports' days, weeks and months are that zone's. \
          The branding fields are what the booking page behind every link shows (null removes one): displayName (1-200 \
          characters, shown instead of name), brandColor (#rrggbb), logoUrl (https only), contactEmail, contactPhone, \
          address (up to 500 characters, lines kept). If-Match with the ETag of GET /v1/tenant is optional; when it is stale \
          the answer is 412. A change publishes TenantProfileChanged on bookpay.tenants.""")
  Mono<ResponseEntity<Tenant>> patch(Caller caller, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody JsonNode patch) {
    caller.require(Scope.API_KEYS_MANAGE);
    Long version = ifMatch == null || ifMatch.isBlank() ? null : Versions.required(ifMatch);
    return tenants.updateProfile(caller.tenantId(), version, ProfilePatch.of(patch)).map(t -> Responses.ok(t.version(), t));
  }
}
