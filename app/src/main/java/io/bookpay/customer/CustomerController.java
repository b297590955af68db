package io.bookpay.customer;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for customers. */
@Tag(name = "customers")
@RestController
@RequestMapping("/v1/customers")
class CustomerController {

  private final CustomerService customers;

  CustomerController(CustomerService customers) {
    this.customers = customers;
  }

  @Operation(operationId = "createCustomer", summary = "Register a customer")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Customer>> register(Caller caller, @Valid @RequestBody NewCustomer request) {
    caller.require(Scope.CUSTOMERS_WRITE);
    return customers.register(caller, request)
        .map(customer -> ResponseEntity.created(URI.create("/v1/customers/" + customer.id()))
            .eTag(customer.etag())
            .body(customer));
  }

  @Operation(operationId = "getCustomer", summary = "Get a customer")
  @GetMapping("/{id}")
  Mono<ResponseEntity<Customer>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CUSTOMERS_READ);
    return customers.get(caller, id).map(customer -> ResponseEntity.ok().eTag(customer.etag()).body(customer));
  }

  @Operation(operationId = "deleteCustomer", summary = "Delete a customer")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> delete(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.CUSTOMERS_WRITE);
    return customers.delete(caller, id);
  }

  /** Lists customers in creation order; {@code email} filters case-insensitively. */
  @Operation(operationId = "listCustomers", summary = "List customers")
  @GetMapping
  Mono<Page<Customer>> list(
      Caller caller,
      @RequestParam(required = false) String email,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.CUSTOMERS_READ);
    return customers.list(caller, email, cursor, limit);
  }
}
