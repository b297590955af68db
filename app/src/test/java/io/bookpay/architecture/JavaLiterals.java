package io.bookpay.architecture;

import java.util.ArrayList;
import java.util.List;

/** The string literals and text blocks of a Java source, in order; comments and chars skipped. */
final class JavaLiterals {

  static List<String> strings(String source) {
    List<String> strings = new ArrayList<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end;
        strings.add(source.substring(i + 3, end));
        i = Math.min(n, end + 3);
      } else if (c == '"' || c == '\'') {
        StringBuilder text = new StringBuilder();
        i++;
        while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
          if (source.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          text.append(source.charAt(i++));
        }
        i++;
        if (c == '"') {
          strings.add(text.toString());
        }
      } else {
        i++;
      }
    }
    return strings;
  }

  private JavaLiterals() {}
}
