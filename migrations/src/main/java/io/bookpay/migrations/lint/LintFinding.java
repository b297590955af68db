package io.bookpay.migrations.lint;

/** One unsafe change: where it is and what to do instead. */
public record LintFinding(String file, int line, String message) {

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
