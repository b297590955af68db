package io.bookpay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A report's CSV is RFC 4180 and runs nothing when a spreadsheet opens it. */
class CsvTableTest {

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    assertThat(CsvTable.field("=HYPERLINK(\"https://evil.example\",\"open\")")).isEqualTo("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"open\"\")\"");
    assertThat(CsvTable.field("+1 555")).isEqualTo("'+1 555");
    assertThat(CsvTable.field("-cmd")).isEqualTo("'-cmd");
    assertThat(CsvTable.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvTable.field("\tx")).isEqualTo("'\tx");
  }

  @Test
  void numbersAndPlainTextAreWrittenAsTheyAre() {
    assertThat(CsvTable.field(-1250L)).isEqualTo("-1250");
    assertThat(CsvTable.field(new BigDecimal("-0.2500"))).isEqualTo("-0.2500");
    assertThat(CsvTable.field("Dr. Adams")).isEqualTo("Dr. Adams");
    assertThat(CsvTable.field("Adams, Jo")).isEqualTo("\"Adams, Jo\"");
    assertThat(CsvTable.field(null)).isEmpty();
    assertThat(new CsvTable("r.csv", List.of("a", "b"), List.<List<Object>>of(List.of("=1", 2L))).render())
        .isEqualTo("a,b\r\n'=1,2\r\n");
  }
}
