package io.bookpay.claim;

import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** HTTP for claims: create, edit, transitions (If-Match required), history, apply to the invoice, documents. */
@Tag(name = "claims")
@RestController
class ClaimController {

  record ItemInput(@NotNull UUID serviceId, @NotNull @Min(1) @Max(100_000_000_000L) Long amount) {}

  /** {@code serviceDate} defaults to the booking's day, else today (UTC); it picks the enrolment and the year of the annual limits. */
  record NewClaim(@NotNull UUID customerId, @NotNull UUID planId, UUID bookingId, UUID invoiceId, LocalDate serviceDate,
      @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid ItemInput> items, @Size(max = 2000) String notes) {}

  record ClaimUpdate(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid ItemInput> items, @Size(max = 2000) String notes) {}

  record Transition(@NotNull ClaimStatus to, @Size(max = 500) String reason, @Min(0) @Max(100_000_000_000L) Long approvedAmount) {}

  private final ClaimService claims;
  private final ClaimDocuments documents;
  private final ServerCodecConfigurer codecs;

  ClaimController(ClaimService claims, ClaimDocuments documents, ServerCodecConfigurer codecs) {
    this.claims = claims;
    this.documents = documents;
    this.codecs = codecs;
  }

  @Operation(operationId = "createClaim", summary = "Create an insurance claim")
  @PostMapping("/v1/claims")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Claim>> create(Caller caller, @Valid @RequestBody NewClaim in) {
    caller.require(Scope.INSURANCE_WRITE);
    return claims.create(caller, new ClaimService.Draft(in.customerId(), in.planId(), in.bookingId(), in.invoiceId(), in.serviceDate(),
            requested(in.items()), in.notes()))
        .map(c -> Responses.created("/v1/claims/" + c.id(), c.version(), c));
  }

  @Operation(operationId = "getClaim", summary = "Get a claim")
  @GetMapping("/v1/claims/{id}")
  Mono<ResponseEntity<Claim>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_READ);
    return claims.get(caller, id).map(ClaimController::ok);
  }

  /** Claims in creation order; {@code customerId} and {@code status} filter. */
  @Operation(operationId = "listClaims", summary = "List claims")
  @GetMapping("/v1/claims")
  Mono<Page<Claim>> list(Caller caller, @RequestParam(required = false) UUID customerId, @RequestParam(required = false) ClaimStatus status,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit,
      @Parameter(deprecated = true, description = "Deprecated: the old name of `cursor` (a bare claim id is taken too)")
      @RequestParam(required = false) String after) {
    caller.require(Scope.INSURANCE_READ);
    return Page.of(claims.page(caller, customerId, status, PageCursor.id(PageCursor.either(cursor, "after", after)), limit + 1), limit,
        c -> PageCursor.after(c.id()));
  }

  /** Replaces items and notes (DRAFT or ADDITIONAL_INFO_REQUIRED only); If-Match required. */
  @Operation(operationId = "updateClaim", summary = "Replace a claim's items and notes")
  @PutMapping("/v1/claims/{id}")
  Mono<ResponseEntity<Claim>> update(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody ClaimUpdate in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return claims.update(caller, id, version, requested(in.items()), in.notes()).map(ClaimController::ok);
  }

  /** One step of the lifecycle; If-Match required. 409 lists the steps allowed from the current status. */
  @Operation(operationId = "transitionClaim", summary = "Move a claim to its next status")
  @PostMapping("/v1/claims/{id}/transitions")
  Mono<ResponseEntity<Claim>> transition(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody Transition in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return claims.transition(caller, id, version, in.to(), in.reason() == null ? null : in.reason().strip(), in.approvedAmount())
        .map(ClaimController::ok);
  }

  /** The claim's status changes, oldest first. */
  @Operation(operationId = "listClaimHistory", summary = "List a claim's status changes")
  @GetMapping("/v1/claims/{id}/history")
  Mono<Page<ClaimHistoryEntry>> history(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.afterCount(claims.history(caller, id), cursor, limit);
  }

  /** Pays the claim's invoice with an INSURANCE payment of the approved amount (or the remaining balance, if smaller). */
  @Operation(operationId = "applyClaim", summary = "Pay the claim's invoice with the approved amount")
  @PostMapping("/v1/claims/{id}/apply")
  Mono<ResponseEntity<Claim>> apply(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_WRITE);
    caller.require(Scope.BILLING_WRITE);
    return claims.apply(caller, id).map(ClaimController::ok);
  }

  // --- documents ---

  /** A multipart upload with one part named {@code file}: PDF, PNG or JPEG, at most {@code bookpay.http.max-upload-size}. */
  @Operation(operationId = "uploadClaimDocument", summary = "Attach a document to a claim")
  @PostMapping(path = "/v1/claims/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<ClaimDocument>> upload(Caller caller, @PathVariable UUID id, ServerWebExchange exchange) {
    caller.require(Scope.INSURANCE_WRITE);
    return documents.add(caller, id, filePart(exchange))
        .map(d -> ResponseEntity.created(URI.create("/v1/claims/" + id + "/documents/" + d.id())).body(d));
  }

  /**
   * The body's part named {@code file} with its declared name and type; the body is read only when
   * the service subscribes. It is read from the request as the filters left it (the idempotency
   * filter replays a body it has read), not through {@code exchange.getMultipartData()}, which
   * would read the original request's body a second time.
   */
  private Mono<ClaimDocuments.Upload> filePart(ServerWebExchange exchange) {
    return BodyExtractors.toMultipartData().extract(exchange.getRequest(), readers(exchange))
        .onErrorMap(e -> e instanceof DecodingException && !(e.getCause() instanceof DataBufferLimitException),
            e -> new ApiException(ProblemType.MALFORMED_REQUEST, "The body is not a readable multipart/form-data body: " + e.getMessage()))
        .flatMap(parts -> {
          Part part = parts.getFirst("file");
          if (!(part instanceof FilePart file)) {
            return Mono.error(Problems.invalid("file", "must be a file part of the multipart body"));
          }
          MediaType declared = file.headers().getContentType();
          String type = declared == null ? null : declared.getType() + "/" + declared.getSubtype();
          return Mono.just(new ClaimDocuments.Upload(file.filename(), type, file.content()));
        });
  }

  private BodyExtractor.Context readers(ServerWebExchange exchange) {
    return new BodyExtractor.Context() {
      @Override
      public List<HttpMessageReader<?>> messageReaders() {
        return codecs.getReaders();
      }

      @Override
      public Optional<ServerHttpResponse> serverResponse() {
        return Optional.of(exchange.getResponse());
      }

      @Override
      public Map<String, Object> hints() {
        return Map.of();
      }
    };
  }

  @Operation(operationId = "listClaimDocuments", summary = "List a claim's documents")
  @GetMapping("/v1/claims/{id}/documents")
  Mono<Page<ClaimDocument>> documents(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.afterId(documents.list(caller, id), cursor, limit, ClaimDocument::id);
  }

  @Operation(operationId = "getClaimDocument", summary = "Get a claim document")
  @GetMapping("/v1/claims/{id}/documents/{documentId}")
  Mono<ClaimDocument> document(Caller caller, @PathVariable UUID id, @PathVariable UUID documentId) {
    caller.require(Scope.INSURANCE_READ);
    return documents.get(caller, id, documentId);
  }

  /** The bytes as uploaded; {@code Repr-Digest} carries their SHA-256. */
  @Operation(operationId = "downloadClaimDocument", summary = "Download a claim document's bytes")
  @GetMapping("/v1/claims/{id}/documents/{documentId}/content")
  Mono<ResponseEntity<Flux<DataBuffer>>> download(Caller caller, @PathVariable UUID id, @PathVariable UUID documentId) {
    caller.require(Scope.INSURANCE_READ);
    return documents.download(caller, id, documentId).map(download -> {
      ClaimDocument d = download.document();
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(d.contentType()))
          .contentLength(d.sizeBytes())
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.filename()).build().toString())
          .header("Repr-Digest", "sha-256=:" + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(d.sha256())) + ":")
          .body(download.content());
    });
  }

  private static List<CoverageMath.Requested> requested(List<ItemInput> items) {
    return items.stream().map(i -> new CoverageMath.Requested(i.serviceId(), i.amount())).toList();
  }

  private static ResponseEntity<Claim> ok(Claim c) {
    return Responses.ok(c.version(), c);
  }
}
