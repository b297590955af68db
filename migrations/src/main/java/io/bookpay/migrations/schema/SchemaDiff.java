package io.bookpay.migrations.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What differs between the checked-in snapshot and a live schema, grouped by table: "-" lines the
 * snapshot has and the database lacks, "+" lines the database has beyond the snapshot.
 */
public record SchemaDiff(List<String> missing, List<String> unexpected) {

  public static SchemaDiff between(List<String> expected, List<String> actual) {
    return new SchemaDiff(minus(expected, actual), minus(actual, expected));
  }

  /** The snapshot lines of a snapshot file's text: comments ("#") and blank lines are not part of it. */
  public static List<String> linesOf(String snapshotText) {
    return snapshotText.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  public boolean isEmpty() {
    return missing.isEmpty() && unexpected.isEmpty();
  }

  /** The diff as a person reads it: per table, what the snapshot expects and what is there instead. */
  public String render() {
    Map<String, List<String>> byTable = new TreeMap<>();
    missing.forEach(line -> byTable.computeIfAbsent(table(line), t -> new ArrayList<>()).add("  - " + detail(line)));
    unexpected.forEach(line -> byTable.computeIfAbsent(table(line), t -> new ArrayList<>()).add("  + " + detail(line)));
    StringBuilder out = new StringBuilder();
    byTable.forEach((table, lines) -> {
      out.append(table).append('\n');
      lines.forEach(line -> out.append(line).append('\n'));
    });
    return out.toString();
  }

  private static String table(String line) {
    int bar = line.indexOf(" | ");
    return bar < 0 ? line : line.substring(0, bar);
  }

  private static String detail(String line) {
    int bar = line.indexOf(" | ");
    return bar < 0 ? line : line.substring(bar + 3);
  }

  /** Lines of a not in b, counting duplicates. */
  private static List<String> minus(List<String> a, List<String> b) {
    Map<String, Integer> left = new HashMap<>();
    b.forEach(line -> left.merge(line, 1, Integer::sum));
    List<String> result = new ArrayList<>();
    for (String line : a) {
      if (left.getOrDefault(line, 0) > 0) {
        left.merge(line, -1, Integer::sum);
      } else {
        result.add(line);
      }
    }
    return result;
  }
}
