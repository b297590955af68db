package io.bookpay.claim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parts of document checking that need no database: the stored name and the first-bytes check. */
class ClaimDocumentsTest {

  @Test
  void aStoredNameIsTheLastPathSegmentWithoutControlCharactersOrQuotes() {
    assertThat(ClaimDocuments.cleanName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(ClaimDocuments.cleanName("C:\\Users\\me\\scan.png")).isEqualTo("scan.png");
    assertThat(ClaimDocuments.cleanName("a/b\\c/d.pdf")).isEqualTo("d.pdf");
    assertThat(ClaimDocuments.cleanName("report\r\nX-Injected: 1\".pdf")).isEqualTo("reportX-Injected: 1.pdf");
    assertThat(ClaimDocuments.cleanName("  spaced.pdf  ")).isEqualTo("spaced.pdf");
  }

  @Test
  void aNameThatIsNothingBecomesDocumentAndALongOneKeepsItsEnd() {
    assertThat(ClaimDocuments.cleanName(null)).isEqualTo("document");
    assertThat(ClaimDocuments.cleanName("")).isEqualTo("document");
    assertThat(ClaimDocuments.cleanName("dir/")).isEqualTo("document");
    assertThat(ClaimDocuments.cleanName("\u0000\u0007\"")).isEqualTo("document");
    String longName = "x".repeat(300) + ".pdf";
    assertThat(ClaimDocuments.cleanName(longName)).hasSize(255).endsWith(".pdf");
  }

  @Test
  void theFirstBytesMustBeThoseOfTheDeclaredType() {
    assertThat(ClaimDocuments.Magic.matches("application/pdf", "%PDF-1.7".getBytes())).isTrue();
    assertThat(ClaimDocuments.Magic.matches("application/pdf", "%PDF".getBytes())).as("too short").isFalse();
    assertThat(ClaimDocuments.Magic.matches("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})).isTrue();
    assertThat(ClaimDocuments.Magic.matches("image/png", "%PDF-1.7".getBytes())).isFalse();
    assertThat(ClaimDocuments.Magic.matches("image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).isTrue();
    assertThat(ClaimDocuments.Magic.matches("image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8})).isFalse();
  }
}
