package io.bookpay.migrations.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration file cut into statements. Each statement keeps its offset in the file, and its
 * {@code code} has comments, string literals and dollar-quoted bodies blanked out (same length),
 * so a pattern matched in the code never fires on prose and its position maps back to a line.
 */
public final class SqlScript {

  /** One statement: {@code code} is blanked, {@code start} its offset in the file. */
  public record Statement(int start, String code) {}

  private final String text;
  private final List<Statement> statements;

  public SqlScript(String text) {
    this.text = text;
    this.statements = split(blank(text));
  }

  public List<Statement> statements() {
    return statements;
  }

  /** 1-based line of an offset in the file. */
  public int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The original text of a 1-based line, or "" past the end. */
  public String line(int number) {
    String[] lines = text.split("\n", -1);
    return number >= 1 && number <= lines.length ? lines[number - 1] : "";
  }

  private static List<Statement> split(String code) {
    List<Statement> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= code.length(); i++) {
      if (i == code.length() || code.charAt(i) == ';') {
        String piece = code.substring(start, i);
        if (!piece.isBlank()) {
          int lead = 0;
          while (Character.isWhitespace(piece.charAt(lead))) {
            lead++;
          }
          result.add(new Statement(start + lead, piece.substring(lead)));
        }
        start = i + 1;
      }
    }
    return result;
  }

  /** Replaces comments, literals and dollar-quoted bodies by spaces, keeping newlines and length. */
  static String blank(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = fill(out, i, end < 0 ? n : end);
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = fill(out, i, end < 0 ? n : end + 2);
      } else if (c == '\'') {
        int end = i + 1;
        while (end < n && !(text.charAt(end) == '\'' && (end + 1 >= n || text.charAt(end + 1) != '\''))) {
          end += text.charAt(end) == '\'' ? 2 : 1;
        }
        // Keep the quotes so "DEFAULT ''" still reads as a default.
        fill(out, i + 1, Math.min(end, n));
        i = Math.min(end + 1, n);
      } else if (c == '$') {
        int tagEnd = text.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : text.substring(i, tagEnd + 1);
        if (tag != null && tag.matches("\\$[A-Za-z_]*\\$")) {
          int close = text.indexOf(tag, tagEnd + 1);
          int end = close < 0 ? n : close + tag.length();
          fill(out, tagEnd + 1, close < 0 ? n : close);
          i = end;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
    return out.toString();
  }

  private static int fill(StringBuilder out, int from, int to) {
    for (int k = from; k < to; k++) {
      if (out.charAt(k) != '\n') {
        out.setCharAt(k, ' ');
      }
    }
    return to;
  }
}
