package io.bookpay.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * A report as one CSV table (RFC 4180): one header row, then one record per row, CRLF line ends,
 * a field quoted (its quotes doubled) when it holds a comma, a quote or a line break. Numbers are
 * written as in the JSON answer; an absent value (a rate over nothing) is an empty field. Text a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return: a
 * provider's or a payer's name) gets a leading apostrophe, so opening the file runs nothing;
 * numbers, negative ones included, are written as they are.
 */
public record CsvTable(String filename, List<String> header, List<List<Object>> rows) {

  public String render() {
    StringBuilder out = new StringBuilder();
    line(out, List.copyOf(header));
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private static void line(StringBuilder out, List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(fields.get(i)));
    }
    out.append("\r\n");
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
