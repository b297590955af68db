package io.bookpay.platform.security;

import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.FieldError;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

/** A tenant manages its own API keys: more keys with narrower scopes, and revocation. */
@Tag(name = "api-keys")
@RestController
@RequestMapping("/v1/api-keys")
class ApiKeyController {

  /** A key to issue. A key may only grant scopes it holds itself. */
  record NewApiKey(
      @NotBlank @Size(max = 200) String name,
      @NotEmpty @Size(max = 20) List<@NotBlank String> scopes) {}

  private final ApiKeyService apiKeys;

  ApiKeyController(ApiKeyService apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Operation(operationId = "createApiKey", summary = "Issue an API key")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<IssuedApiKey>> issue(Caller caller, @Valid @RequestBody NewApiKey request, ServerWebExchange exchange) {
    caller.require(Scope.API_KEYS_MANAGE);
    SecretFields.mark(exchange, "key");
    Set<Scope> scopes = new LinkedHashSet<>();
    for (String name : request.scopes()) {
      Scope scope = Scope.fromWireName(name).orElseThrow(() -> new ApiException(
          ProblemType.VALIDATION, "Unknown scope '" + name + "'.",
          Map.of("errors", List.of(new FieldError("scopes", "unknown scope " + name)))));
      if (!caller.has(scope)) {
        throw new ApiException(ProblemType.FORBIDDEN, "A key cannot grant the scope '" + name + "', which it lacks itself.");
      }
      scopes.add(scope);
    }
    return apiKeys.issue(caller.tenantId(), request.name().trim(), scopes, caller.apiKeyId())
        .map(key -> ResponseEntity.created(URI.create("/v1/api-keys/" + key.id())).body(key));
  }

  @Operation(operationId = "listApiKeys", summary = "List API keys")
  @GetMapping
  Mono<Page<ApiKey>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.API_KEYS_MANAGE);
    return Page.afterId(apiKeys.list(caller.tenantId()), cursor, limit, ApiKey::id);
  }

  @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
  @PostMapping("/{id}/revoke")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> revoke(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.API_KEYS_MANAGE);
    return apiKeys.revoke(caller, id);
  }
}
