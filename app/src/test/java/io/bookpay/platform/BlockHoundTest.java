package io.bookpay.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** BlockHound guards the test JVM: blocking on a non-blocking thread fails. */
class BlockHoundTest {

  @Test
  void blockingOnAParallelThreadIsCaught() {
    assertThatThrownBy(() ->
            Mono.fromCallable(() -> {
                  Thread.sleep(1);
                  return 1;
                })
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5)))
        .hasMessageContaining("Blocking call!");
  }
}
