package io.bookpay.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Picks the document store by {@code bookpay.claims.document-store}. */
@Configuration(proxyBeanMethods = false)
class DocumentStores {

  @Bean
  DocumentStore documentStore(ClaimProperties properties, DatabaseClient db) {
    return switch (properties.documentStore()) {
      case "postgres" -> new Postgres(db);
      case "directory" -> new Directory(properties.documentDirectory());
      default -> throw new IllegalStateException("bookpay.claims.document-store must be postgres or directory, not "
          + properties.documentStore());
    };
  }

  /** Bytes in the {@code document_contents} table, written in the caller's transaction. */
  static final class Postgres implements DocumentStore {
    private final DatabaseClient db;

    Postgres(DatabaseClient db) {
      this.db = db;
    }

    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public Mono<Void> put(UUID documentId, DataBuffer content) {
      ByteBuffer bytes = ByteBuffer.allocate(content.readableByteCount());
      content.toByteBuffer(bytes);
      return db.sql("INSERT INTO document_contents (document_id, content) VALUES (:id, :content)")
          .bind("id", documentId).bind("content", bytes).then();
    }

    @Override
    public Flux<DataBuffer> get(UUID documentId) {
      return db.sql("SELECT content FROM document_contents WHERE document_id = :id").bind("id", documentId)
          .map(row -> row.get("content", ByteBuffer.class)).all()
          .map(bytes -> DefaultDataBufferFactory.sharedInstance.wrap(bytes));
    }
  }

  /** One file per document under a directory, written and read with asynchronous channels. */
  static final class Directory implements DocumentStore {
    private final Path root;

    Directory(Path root) {
      try {
        this.root = Files.createDirectories(root.toAbsolutePath()); // at startup, once
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the document directory " + root, e);
      }
    }

    @Override
    public String name() {
      return "directory";
    }

    @Override
    public Mono<Void> put(UUID documentId, DataBuffer content) {
      return DataBufferUtils.write(Mono.just(content), root.resolve(documentId.toString()), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    }

    @Override
    public Flux<DataBuffer> get(UUID documentId) {
      return DataBufferUtils.read(root.resolve(documentId.toString()), DefaultDataBufferFactory.sharedInstance, 64 * 1024);
    }
  }
}
