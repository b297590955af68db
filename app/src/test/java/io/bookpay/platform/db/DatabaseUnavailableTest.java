package io.bookpay.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures mean "the database cannot be reached" (503), and which are the request's own (not 503). */
class DatabaseUnavailableTest {

  @Test
  void connectionLevelFailuresAreUnavailableHoweverWrapped() {
    assertThat(DatabaseUnavailable.is(new R2dbcNonTransientResourceException("terminating connection due to administrator command", "57P01")))
        .isTrue();
    assertThat(DatabaseUnavailable.is(new R2dbcNonTransientResourceException("the database system is starting up", "57P03"))).isTrue();
    assertThat(DatabaseUnavailable.is(new R2dbcNonTransientResourceException("Connection closed", "08006"))).isTrue();
    assertThat(DatabaseUnavailable.is(new R2dbcNonTransientResourceException("Cannot connect", (String) null, new ConnectException("refused"))))
        .isTrue();
    assertThat(DatabaseUnavailable.is(new R2dbcTransientResourceException("too many clients", "53300"))).isTrue();
    // The pool's acquire timeout: an R2DBC timeout around the pool's own TimeoutException.
    assertThat(DatabaseUnavailable.is(new R2dbcTimeoutException("Connection acquisition timed out after 5000ms", new TimeoutException())))
        .isTrue();
    assertThat(DatabaseUnavailable.is(new DataAccessResourceFailureException("wrapped",
        new R2dbcNonTransientResourceException("Connection closed", "08006")))).isTrue();
    assertThat(DatabaseUnavailable.is(new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
        new R2dbcTimeoutException("Connection creation timed out", new TimeoutException())))).isTrue();
    assertThat(DatabaseUnavailable.is(new IllegalStateException("outer", new ConnectException("Connection refused")))).isTrue();
  }

  @Test
  void failuresOfTheRequestItselfAreNot() {
    assertThat(DatabaseUnavailable.is(new R2dbcDataIntegrityViolationException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseUnavailable.is(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
    // A statement timeout is the statement's fault, not the connection's.
    assertThat(DatabaseUnavailable.is(new R2dbcTimeoutException("canceling statement due to statement timeout", "57014"))).isFalse();
    assertThat(DatabaseUnavailable.is(new IllegalArgumentException("bad"))).isFalse();
    // An I/O error of the HTTP exchange (not raised in the driver) says nothing about the database.
    assertThat(DatabaseUnavailable.is(new IOException("Broken pipe"))).isFalse();
  }
}
