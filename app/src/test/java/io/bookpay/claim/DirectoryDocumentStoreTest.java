package io.bookpay.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The directory store writes and reads without blocking (run on Reactor's non-blocking threads, under BlockHound). */
class DirectoryDocumentStoreTest {

  @TempDir Path dir;

  /** Logging's one-time set-up reads jars; done here, not on a non-blocking thread. In the app it happens at startup. */
  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    org.apache.commons.logging.LogFactory.getLog(DataBufferUtils.class).debug("warm-up");
  }

  @Test
  void aDocumentReadsBackByteIdenticalWithoutBlocking() throws Exception {
    DocumentStore store = new DocumentStores.Directory(dir.resolve("documents"));
    byte[] content = new byte[300_000];
    ThreadLocalRandom.current().nextBytes(content);
    UUID id = UUID.randomUUID();

    Mono.defer(() -> store.put(id, DefaultDataBufferFactory.sharedInstance.wrap(content))).subscribeOn(Schedulers.parallel())
        .block(Duration.ofSeconds(10));
    byte[] read = DataBufferUtils.join(store.get(id).subscribeOn(Schedulers.parallel()))
        .map(buffer -> {
          byte[] bytes = new byte[buffer.readableByteCount()];
          buffer.read(bytes);
          DataBufferUtils.release(buffer);
          return bytes;
        })
        .block(Duration.ofSeconds(10));

    assertThat(read).isEqualTo(content);
    assertThat(Files.size(dir.resolve("documents").resolve(id.toString()))).isEqualTo(content.length);
  }
}
