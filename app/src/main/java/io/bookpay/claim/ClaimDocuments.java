package io.bookpay.claim;

import io.bookpay.events.claim.ClaimDocumentAdded;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Digests;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.HttpProperties;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The documents of a claim. An upload is read only once the claim is known to be the caller's,
 * and only up to {@code bookpay.http.max-upload-size} (413 beyond); it must be non-empty (400) and
 * of an accepted content type that its first bytes confirm (415). Its SHA-256 is taken, and the
 * bytes, the document row and its {@code ClaimDocumentAdded} event are written in one transaction.
 */
@Service
class ClaimDocuments {

  /**
   * A file as a client sent it: the name and content type ({@code type/subtype}, no parameters) it
   * declared, and its bytes. The bytes are not read until the claim is found.
   */
  record Upload(String filename, String contentType, Flux<DataBuffer> content) {}

  /** A stored document and its bytes, read from the store as they are sent. */
  record Download(ClaimDocument document, Flux<DataBuffer> content) {}

  private final ClaimService claims;
  private final ClaimRepository repository;
  private final DocumentStore store;
  private final Outbox outbox;
  private final ClaimProperties properties;
  private final HttpProperties http;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final Ids ids;

  ClaimDocuments(ClaimService claims, ClaimRepository repository, DocumentStore store, Outbox outbox, ClaimProperties properties,
      HttpProperties http, TransactionalOperator tx, Clock clock, Ids ids) {
    this.claims = claims;
    this.repository = repository;
    this.store = store;
    this.outbox = outbox;
    this.properties = properties;
    this.http = http;
    this.tx = tx;
    this.clock = clock;
    this.ids = ids;
  }

  /** Checks, hashes and stores an upload for the caller's claim; 404 (before a byte is read) when the claim is not theirs. */
  Mono<ClaimDocument> add(Caller caller, UUID claimId, Mono<Upload> upload) {
    long max = http.maxUploadSize().toBytes();
    return claims.get(caller, claimId)
        .then(upload)
        .flatMap(file -> DataBufferUtils.join(file.content(), (int) Math.min(Integer.MAX_VALUE, max))
            .onErrorMap(DataBufferLimitException.class, e -> new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                "A document may have at most " + max + " bytes."))
            .switchIfEmpty(Mono.error(() -> Problems.invalid("file", "is empty")))
            .flatMap(content -> store(caller, claimId, file, content)
                .doFinally(signal -> DataBufferUtils.release(content))));
  }

  Flux<ClaimDocument> list(Caller caller, UUID claimId) {
    return claims.get(caller, claimId).thenMany(repository.documents(claimId));
  }

  Mono<ClaimDocument> get(Caller caller, UUID claimId, UUID id) {
    return claims.get(caller, claimId).then(repository.document(claimId, id))
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Document " + id)));
  }

  Mono<Download> download(Caller caller, UUID claimId, UUID id) {
    return get(caller, claimId, id).map(d -> new Download(d, store.get(d.id())));
  }

  private Mono<ClaimDocument> store(Caller caller, UUID claimId, Upload file, DataBuffer content) {
    int size = content.readableByteCount();
    if (size == 0) {
      return Mono.error(Problems.invalid("file", "is empty"));
    }
    String type = file.contentType();
    if (type == null || !properties.documentTypes().contains(type)) {
      return Mono.error(new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "A document must be one of " + properties.documentTypes()
          + "; this part says " + type + "."));
    }
    byte[] head = new byte[Math.min(8, size)];
    content.toByteBuffer(content.readPosition(), ByteBuffer.wrap(head), 0, head.length);
    if (!Magic.matches(type, head)) {
      return Mono.error(new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The file's content is not " + type + "."));
    }
    ClaimDocument document = new ClaimDocument(ids.next(), claimId, cleanName(file.filename()), type, size, sha256(content), store.name(),
        clock.instant());
    return store.put(document.id(), content)
        .then(record(caller, document))
        .thenReturn(document)
        .as(tx::transactional);
  }

  private Mono<Void> record(Caller caller, ClaimDocument document) {
    return repository.insertDocument(caller.tenantId(), document, store.name(), caller.apiKeyId())
        .then(outbox.append(caller.tenantId(), new ClaimDocumentAdded(document.claimId(), document.id(), document.filename(),
            document.contentType(), document.sizeBytes(), document.sha256())));
  }

  /** The last path segment of the client's name, without control characters or quotes, at most 255 characters. */
  static String cleanName(String filename) {
    String name = filename == null ? "" : filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty()) {
      return "document";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }

  private static String sha256(DataBuffer content) {
    MessageDigest digest = Digests.sha256();
    try (DataBuffer.ByteBufferIterator buffers = content.readableByteBuffers()) {
      while (buffers.hasNext()) {
        digest.update(buffers.next());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first bytes each accepted type starts with. */
  static final class Magic {
    private Magic() {}

    static boolean matches(String type, byte[] head) {
      return switch (type) {
        case "application/pdf" -> startsWith(head, new byte[] {'%', 'P', 'D', 'F', '-'});
        case "image/png" -> startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        case "image/jpeg" -> startsWith(head, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
        default -> true;
      };
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
      if (head.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (head[i] != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
