package io.bookpay.claim;

import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the bytes of claim documents live. Both implementations are non-blocking: R2DBC for
 * PostgreSQL, asynchronous file channels for a directory.
 */
interface DocumentStore {

  /** The name recorded with each document, so a document is read from the store that holds it. */
  String name();

  Mono<Void> put(UUID documentId, DataBuffer content);

  Flux<DataBuffer> get(UUID documentId);
}
