package io.bookpay.tenant;

import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.IssuedApiKey;
import io.bookpay.platform.security.Operator;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Operators create and list tenants and recover a tenant's access with a new key. Every handler
 * takes the {@link Operator}, which only the operator token gives.
 */
@Tag(name = "tenants")
@RestController
@RequestMapping("/v1/admin/tenants")
class AdminTenantController {

  record NewTenant(@NotBlank @Size(max = 200) String name) {}

  /** The tenant and its first API key; {@code apiKey} is shown in this response only. */
  record TenantCreated(UUID id, String name, Instant createdAt, String apiKey, UUID apiKeyId, List<String> apiKeyScopes) {}

  /** A key for a tenant: {@code name} defaults to "operator key", {@code scopes} to all ({@code *}). */
  record NewTenantKey(@Size(min = 1, max = 200) String name, @Size(min = 1, max = 20) List<@NotBlank String> scopes) {}

  private final TenantService tenants;

  AdminTenantController(TenantService tenants) {
    this.tenants = tenants;
  }

  @Operation(operationId = "createTenant", summary = "Create a tenant with its first API key")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<TenantCreated>> create(Operator operator, @Valid @RequestBody NewTenant request, ServerWebExchange exchange) {
    SecretFields.mark(exchange, "apiKey");
    return tenants.create(request.name())
        .map(created -> ResponseEntity.created(URI.create("/v1/admin/tenants/" + created.tenant().id()))
            .body(new TenantCreated(
                created.tenant().id(),
                created.tenant().name(),
                created.tenant().createdAt(),
                created.firstKey().key(),
                created.firstKey().id(),
                created.firstKey().scopes())));
  }

  /** All tenants, oldest first, a page at a time. */
  @Operation(operationId = "listTenants", summary = "List tenants")
  @GetMapping
  Mono<Page<Tenant>> list(Operator operator, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    return tenants.list(cursor, limit);
  }

  @Operation(operationId = "getTenant", summary = "Get a tenant")
  @GetMapping("/{id}")
  Mono<Tenant> get(Operator operator, @PathVariable UUID id) {
    return tenants.current(id);
  }

  /** Issues a key for the tenant; the key is in this response only. */
  @Operation(operationId = "issueTenantApiKey", summary = "Issue an API key for a tenant")
  @PostMapping("/{id}/api-keys")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<IssuedApiKey>> issueKey(Operator operator, @PathVariable UUID id,
      @Valid @RequestBody(required = false) NewTenantKey request, ServerWebExchange exchange) {
    SecretFields.mark(exchange, "key");
    String name = request == null || request.name() == null ? "operator key" : request.name().trim();
    Set<Scope> scopes = request == null || request.scopes() == null ? Set.of(Scope.ALL) : scopes(request.scopes());
    return tenants.issueKey(id, name, scopes)
        .map(key -> ResponseEntity.created(URI.create("/v1/api-keys/" + key.id())).body(key));
  }

  private static Set<Scope> scopes(List<String> names) {
    Set<Scope> scopes = new LinkedHashSet<>();
    for (String name : names) {
      scopes.add(Scope.fromWireName(name).orElseThrow(() -> Problems.invalid("scopes", "has an unknown scope " + name)));
    }
    return scopes;
  }
}
