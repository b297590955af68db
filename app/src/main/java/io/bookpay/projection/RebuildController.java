package io.bookpay.projection;

import io.bookpay.platform.security.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The operator's rebuilds of a projection from the topics' first event. Operator token only. */
@Tag(name = "projections")
@RestController
@RequestMapping("/v1/admin/projections/{name}/rebuild")
class RebuildController {

  private final ProjectionRebuilds rebuilds;

  RebuildController(ProjectionRebuilds rebuilds) {
    this.rebuilds = rebuilds;
  }

  @PostMapping
  @Operation(operationId = "rebuildProjection", summary = "Rebuild a projection from the first event",
      description = "Replays every topic the projection reads from its first event into fresh tables while the live ones keep"
          + " serving, then switches to them in one transaction. Answers 202 at once; GET this resource for progress. `name` is a"
          + " projection's consumer group (analytics, finance). 404 for another name; 409 (`rebuild-running`) while a rebuild of it"
          + " runs; 422 (`rebuild-topics-truncated`) when a partition no longer starts at its first event, listing those"
          + " partitions; 503 when Kafka does not answer.")
  Mono<ResponseEntity<ProjectionRebuilds.Progress>> start(Operator operator, @PathVariable String name) {
    return rebuilds.start(name).map(progress -> ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/v1/admin/projections/" + progress.projection() + "/rebuild")).body(progress));
  }

  @GetMapping
  @Operation(operationId = "getProjectionRebuild", summary = "Show the latest rebuild of a projection",
      description = "Its state (RUNNING, SUCCEEDED, FAILED with `error`), phase (PREPARING, REPLAYING, SWITCHING, DONE), start and"
          + " end, the events replayed and, while it runs, each partition's replayed offset beside its end offset. 404 when the"
          + " projection has never been rebuilt.")
  Mono<ProjectionRebuilds.Progress> progress(Operator operator, @PathVariable String name) {
    return rebuilds.progress(name);
  }
}
