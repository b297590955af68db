package io.bookpay.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A statement kept in a file next to its repository ({@code src/main/resources/<its package>/<name>.sql}),
 * with the same named parameters ({@code :tenantId}) as a statement written in the code. The hot
 * paths' statements live there so that the benchmark's pgbench scripts ({@code bench/burst}) run the
 * very text the application sends: pgbench reads {@code :name} as its variables. Read once, when the
 * repository is made; a missing file fails the start, not a request.
 */
public final class SqlFile {

  private SqlFile() {}

  /** The statement in {@code name} beside {@code owner}'s class, without its trailing blank lines. */
  public static String load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no SQL file " + name + " beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
