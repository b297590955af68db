package io.bookpay.projection;

import io.bookpay.platform.security.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.bookpay.platform.web.Page;
import reactor.core.publisher.Mono;

/** The operator's view of events the projections parked, and their retry. Operator token only. */
@Tag(name = "projections")
@RestController
@RequestMapping("/v1/admin/projections/dead-letters")
class DeadLetterController {

  private final DeadLetterService deadLetters;

  DeadLetterController(DeadLetterService deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GetMapping
  @Operation(operationId = "listDeadLetters", summary = "List parked events, oldest first",
      description = "Each with its consumer, event id and type, tenant, topic, partition and offset, the last error, the attempts"
          + " and the envelope as read. Filter by `consumer` (e.g. analytics).")
  Mono<Page<DeadLetter>> list(Operator operator, @RequestParam(required = false) String consumer,
      @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    return deadLetters.list(consumer, cursor, limit);
  }

  @PostMapping("/{id}/retry")
  @Operation(operationId = "retryDeadLetter", summary = "Apply a parked event again",
      description = "Applies the event through its projection, exactly once (a consumer that applied it meanwhile answers"
          + " ALREADY_APPLIED); the dead letter is then gone. When it still fails: 422 with the error, and it stays parked"
          + " with one more attempt.")
  Mono<DeadLetterService.RetryResult> retry(Operator operator, @PathVariable UUID id) {
    return deadLetters.retry(id);
  }
}
