package io.bookpay.migrations.lint;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned migration as the lint sees it: {@code V<version>__<what>.sql}, its text and the text
 * of its Flyway script config ({@code V<version>__<what>.sql.conf}) when it has one.
 */
public record MigrationFile(String name, String version, String text, String config) {

  private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

  /** Orders by version the way Flyway does: numerically, part by part. */
  public static final Comparator<MigrationFile> BY_VERSION = (a, b) -> compareVersions(a.version, b.version);

  /** The version of a versioned migration file name, empty for anything else (callbacks, repeatables). */
  public static Optional<String> versionOf(String fileName) {
    Matcher m = VERSIONED.matcher(fileName);
    return m.matches() ? Optional.of(m.group(1).replace('_', '.')) : Optional.empty();
  }

  /** True when Flyway runs this file outside a transaction. */
  public boolean runsOutsideTransaction() {
    return config != null && config.replace(" ", "").contains("executeInTransaction=false");
  }

  public static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
      BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
