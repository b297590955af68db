package io.bookpay.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** Claim documents: limits refused with 4xx, stored ones download byte for byte. */
class ClaimDocumentsIntegrationTest extends IntegrationTest {

  private WebTestClient.ResponseSpec upload(ClaimFixture f, String claim, String filename, String type, byte[] bytes) {
    MultipartBodyBuilder parts = new MultipartBodyBuilder();
    parts.part("file", new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return filename;
      }
    }).contentType(MediaType.parseMediaType(type));
    return http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build())).exchange();
  }

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, bytes, 0, 9);
    return bytes;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStoredDocumentDownloadsByteIdentical() throws Exception {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    byte[] content = pdf(1_500_000);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

    Map<String, Object> document = ClaimFixture.body(upload(f, claim, "../../referral letter.pdf", "application/pdf", content)
        .expectStatus().isCreated());
    assertThat(document.get("sha256")).isEqualTo(sha);
    assertThat(document.get("filename")).isEqualTo("referral letter.pdf");
    assertThat(ClaimFixture.num(document, "sizeBytes")).isEqualTo(content.length);

    EntityExchangeResult<byte[]> download = http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build().get().uri("/v1/claims/" + claim + "/documents/" + document.get("id") + "/content")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey()).exchange().expectStatus().isOk()
        .expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody().returnResult();
    assertThat(download.getResponseBody()).isEqualTo(content);
    assertThat(download.getResponseHeaders().getFirst("Repr-Digest"))
        .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
    assertThat(download.getResponseHeaders().getContentDisposition().getFilename()).isEqualTo("referral letter.pdf");

    List<Map<String, Object>> listed = (List<Map<String, Object>>) f.get("/v1/claims/" + claim + "/documents").get("items");
    assertThat(listed).extracting(d -> d.get("id")).containsExactly(document.get("id"));
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'ClaimDocumentAdded'", claim)).isEqualTo(1);
  }

  @Test
  void documentsOverTheLimitsAreRefusedAndNothingIsStored() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");

    upload(f, claim, "huge.pdf", "application/pdf", pdf(2 * 1024 * 1024 + 1)).expectStatus().isEqualTo(413)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    upload(f, claim, "notes.txt", "text/plain", "hello".getBytes()).expectStatus().isEqualTo(415)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    upload(f, claim, "fake.pdf", "application/pdf", "MZ this is not a PDF".getBytes()).expectStatus().isEqualTo(415);
    upload(f, claim, "fake.png", "image/png", pdf(1_000)).expectStatus().isEqualTo(415);
    upload(f, claim, "empty.pdf", "application/pdf", new byte[0]).expectStatus().isBadRequest();
    http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isEqualTo(415);
    MultipartBodyBuilder noFile = new MultipartBodyBuilder();
    noFile.part("note", "no file here");
    http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(noFile.build())).exchange()
        .expectStatus().isBadRequest();
    upload(f, java.util.UUID.randomUUID().toString(), "a.pdf", "application/pdf", pdf(100)).expectStatus().isNotFound();

    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE tenant_id = ?", f.tenant.id())).isZero();
    byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    upload(f, claim, "scan.png", "image/png", png).expectStatus().isCreated();
  }

  /** Another tenant's claim is not found before its upload is read, and its documents read as 404 in every form. */
  @Test
  void anotherTenantsClaimTakesNoDocumentAndShowsNone() {
    ClaimFixture owner = new ClaimFixture(http);
    ClaimFixture other = new ClaimFixture(http);
    String claim = (String) owner.claim(null, 10_000).get("id");
    String document = (String) ClaimFixture.body(upload(owner, claim, "a.pdf", "application/pdf", pdf(100)).expectStatus().isCreated())
        .get("id");

    upload(other, claim, "b.pdf", "application/pdf", pdf(100)).expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    // A body that never ends: only a refusal made before reading it can answer.
    http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + other.tenant.apiKey())
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=endless"))
        .body(Flux.concat(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(
            "--endless\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-"
                .getBytes(StandardCharsets.US_ASCII))), Flux.<DataBuffer>never()), DataBuffer.class)
        .exchange().expectStatus().isNotFound();
    for (String path : List.of("", "/" + document, "/" + document + "/content")) {
      http.get().uri("/v1/claims/" + claim + "/documents" + path).header(HttpHeaders.AUTHORIZATION, "Bearer " + other.tenant.apiKey())
          .exchange().expectStatus().isNotFound();
    }

    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE claim_id = ?::uuid", claim)).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE tenant_id = ?", other.tenant.id())).isZero();
  }

  /** The idempotency filter reads the body before the handler; the upload must read the body it replays, not the spent original. */
  @Test
  void anUploadWithAnIdempotencyKeyIsStoredOnceAndReplayed() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    byte[] content = pdf(5_000);

    // A retry sends the same bytes: one multipart body with a fixed boundary, sent twice.
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--fixed\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(content);
    body.writeBytes("\r\n--fixed--\r\n".getBytes(StandardCharsets.US_ASCII));
    List<EntityExchangeResult<Map>> answers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      answers.add(http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
          .header("Idempotency-Key", "upload-" + claim).contentType(MediaType.parseMediaType("multipart/form-data; boundary=fixed"))
          .bodyValue(body.toByteArray()).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult());
    }
    EntityExchangeResult<Map> first = answers.get(0);
    EntityExchangeResult<Map> again = answers.get(1);
    assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
    assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.getResponseBody().get("id")).isEqualTo(first.getResponseBody().get("id"));
    assertThat(first.getResponseBody().get("sizeBytes")).isEqualTo(5_000);
    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE claim_id = ?::uuid", claim)).isEqualTo(1);
  }

  @Test
  void aBodyThatIsNotMultipartInsideIsA400AndStoresNothing() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");

    http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=expected")).bodyValue("no boundary anywhere in here")
        .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/malformed-request");

    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE claim_id = ?::uuid", claim)).isZero();
  }

  /**
   * A body without a declared length is bounded as a whole, not per part: extra parts of less
   * than the upload limit each cannot make the server hold several limits' worth. One within the
   * limit, sent the same way, is stored.
   */
  @Test
  void aChunkedUploadIsBoundedAsAWhole() {
    ClaimFixture f = new ClaimFixture(http);
    String claim = (String) f.claim(null, 10_000).get("id");
    byte[] pad = new byte[900_000];

    ByteArrayOutputStream over = multipart("file", "a.pdf", "application/pdf", pdf(100));
    for (int i = 0; i < 3; i++) {
      over.writeBytes(multipart("pad" + i, "p" + i + ".bin", "application/octet-stream", pad).toByteArray());
    }
    chunked(f, claim, over).expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE claim_id = ?::uuid", claim)).isZero();

    chunked(f, claim, multipart("file", "b.pdf", "application/pdf", pdf(1_500_000))).expectStatus().isCreated();
    assertThat(sql.count("SELECT count(*) FROM claim_documents WHERE claim_id = ?::uuid", claim)).isEqualTo(1);
  }

  /** One part of a multipart body with the boundary {@code fixed}; the closing boundary is added when sent. */
  private static ByteArrayOutputStream multipart(String name, String filename, String type, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--fixed\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  /** Sends the parts in 64 KiB chunks with no Content-Length. */
  private WebTestClient.ResponseSpec chunked(ClaimFixture f, String claim, ByteArrayOutputStream parts) {
    parts.writeBytes("--fixed--\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] all = parts.toByteArray();
    Flux<DataBuffer> body = Flux.range(0, (all.length + 65_535) / 65_536).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
        Arrays.copyOfRange(all, i * 65_536, Math.min(all.length, (i + 1) * 65_536))));
    return http.post().uri("/v1/claims/" + claim + "/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + f.tenant.apiKey())
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=fixed")).body(body, DataBuffer.class).exchange();
  }
}
