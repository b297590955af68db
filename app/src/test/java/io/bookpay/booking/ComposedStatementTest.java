package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.link.LinkSqlFragments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The statement a booking through a link sends (the customer, the link's use, the booking and its
 * history, composed from the owners' fragments) is the one pgbench runs beside the app: written to
 * {@code bench/burst/link-booking.sql}, which this test keeps equal to what the code composes
 * ({@code -Dbookpay.bench.refresh=true} rewrites it).
 */
class ComposedStatementTest {

  @Test
  void theBenchmarkRunsTheComposedStatementTheApplicationSends() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("migrations"))) {
      root = root.getParent();
    }
    Path file = root.resolve("bench/burst/link-booking.sql");
    String composed = BookingRepository.compose("used_link", LinkSqlFragments.USED_LINK).strip() + "\n";
    if (Boolean.getBoolean("bookpay.bench.refresh")) {
      Files.writeString(file, composed);
    }
    assertThat(Files.readString(file)).as(file + " (refresh with -Dbookpay.bench.refresh=true)").isEqualTo(composed);
    assertThat(composed).as("one statement, for pgbench").doesNotContain(";");
  }
}
