package io.bookpay.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code docs/tour.sh}, the README's API tour, with bash, curl and jq against this test's
 * instance, as a new user would run it against the local run: from the first tenant to the report.
 */
class TourIntegrationTest extends IntegrationTest {

  private static final long DEADLINE_SECONDS = 180;

  @Test
  void theTourRunsAsWrittenFromTheFirstTenantToTheReport() throws Exception {
    Path script = Docs.file("docs/tour.sh");
    Path output = Files.createTempFile("tour", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
          .directory(script.getParent().getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().put("BASE_URL", "http://127.0.0.1:" + port);
      builder.environment().put("BOOKPAY_ADMIN_TOKEN", TestInfrastructure.get().adminToken());
      builder.environment().put("BOOKPAY_KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.get().kafkaBootstrapServers());
      Process tour = builder.start();
      boolean finished = tour.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
      if (!finished) {
        tour.destroyForcibly();
      }
      String log = Files.readString(output, StandardCharsets.UTF_8);
      System.out.println(log); // in the test's -output.txt, to read what a user of the tour sees
      assertThat(finished).as("the tour finished within %d s:%n%s", DEADLINE_SECONDS, log).isTrue();
      assertThat(tour.exitValue()).as("the tour's exit code:%n%s", log).isZero();
      assertThat(log)
          .contains("== An operator creates a tenant")
          .contains("   CONFIRMED")
          .contains("   booked: CONFIRMED")
          .contains("   opened again: 410 EXHAUSTED")
          .containsPattern("payment (\\S+); the retry with the same key answered payment \\1")
          .contains("covers 80% after a 2000 copay")
          .contains("expected to cover 3200")
          .contains("   APPROVED")
          .contains("document referral.pdf")
          .contains("invoice PAID (PARTIALLY_REFUNDED)")
          .containsPattern("   LinkUsed: 1")
          .contains("Tour complete.")
          .doesNotContain("FAILED");
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Files of the repository, found from the module directory Surefire runs in or from the root. */
  static final class Docs {
    private Docs() {}

    static Path file(String relative) throws IOException {
      for (String base : new String[] {".", ".."}) {
        Path candidate = new File(base, relative).toPath().toAbsolutePath().normalize();
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      throw new IOException(relative + " not found from " + new File(".").getAbsolutePath());
    }
  }
}
