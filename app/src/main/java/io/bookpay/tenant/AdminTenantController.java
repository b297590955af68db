package io.bookpay.tenant;

import io.bookpay.platform.idempotency.SecretFields;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Operators create tenants here, authorised by the operator token. */
@RestController
@RequestMapping("/v1/admin/tenants")
class AdminTenantController {

  record NewTenant(@NotBlank @Size(max = 200) String name) {}

  /** The tenant and its first API key; {@code apiKey} is shown in this response only. */
  record TenantCreated(UUID id, String name, Instant createdAt, String apiKey, UUID apiKeyId, List<String> apiKeyScopes) {}

  private final TenantService tenants;

  AdminTenantController(TenantService tenants) {
    this.tenants = tenants;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<TenantCreated>> create(@Valid @RequestBody NewTenant request, ServerWebExchange exchange) {
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

  @GetMapping("/{id}")
  Mono<Tenant> get(@PathVariable UUID id) {
    return tenants.get(id);
  }
}
