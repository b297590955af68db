package io.bookpay.projection;

import io.bookpay.platform.db.DatabaseProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tables of a projection rebuild. A projection {@code X} owns the tables named {@code X_*} and
 * its rows of {@code processed_events}, {@code projection_positions} and
 * {@code projection_dead_letters}. A rebuild makes empty copies of all of them in a schema of its
 * own, {@code <schema>_rebuild_<X>}: the same columns, defaults, checks, keys, indexes (under the
 * same names, so the schema after the switch is the one the migrations made) and triggers. The
 * projection fills them through its usual, unqualified SQL with that schema first in the search
 * path. The switch, one transaction under the projection's switch lock, moves the live {@code X_*}
 * tables out to {@code <schema>_retired_<X>} and the copies in, and replaces the consumer's rows of
 * the three shared tables with the copies' rows. Identifiers come from the catalog and the
 * configured schema, and are quoted.
 */
@Component
class RebuildSchema {

  /** The shared tables whose rows of one consumer belong to its projection. */
  static final List<String> SHARED = List.of("processed_events", "projection_positions", "projection_dead_letters");

  /** The rebuild is behind the live consumer on some partitions: it has to read up to these offsets first. */
  static final class BehindLive extends RuntimeException {
    final transient Map<TopicPartition, Long> targets;

    BehindLive(Map<TopicPartition, Long> targets) {
      super("the rebuild is behind the live consumer on " + targets.size() + " partition(s)");
      this.targets = targets;
    }
  }

  /** What {@link #prepare} left for later: the indexes that serve reads only, built once the rows are in. */
  record Prepared(List<String> deferredIndexes) {}

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final String schema;

  RebuildSchema(DatabaseClient db, TransactionalOperator tx, DatabaseProperties database) {
    this.db = db;
    this.tx = tx;
    this.schema = database.schema();
  }

  String rebuildSchema(String consumer) {
    return checked(schema + "_rebuild_" + consumer);
  }

  String retiredSchema(String consumer) {
    return checked(schema + "_retired_" + consumer);
  }

  /** PostgreSQL cuts longer names to 63 bytes, which could make two rebuilds share a schema. */
  private static String checked(String name) {
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
      throw new IllegalStateException("schema name too long for a rebuild: " + name);
    }
    return name;
  }

  /** Drops whatever an earlier rebuild of the consumer left behind. */
  Mono<Void> dropLeftovers(String consumer) {
    return db.sql("DROP SCHEMA IF EXISTS " + quote(rebuildSchema(consumer)) + " CASCADE").then()
        .then(db.sql("DROP SCHEMA IF EXISTS " + quote(retiredSchema(consumer)) + " CASCADE").then());
  }

  /** The projection's own tables in the live schema, by name. */
  Mono<List<String>> tables(String inSchema, String consumer) {
    return db.sql("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = :schema AND c.relkind = 'r' AND c.relname LIKE :pattern ORDER BY c.relname
            """)
        .bind("schema", inSchema)
        .bind("pattern", consumer.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "\\_%")
        .map(row -> row.get("relname", String.class))
        .all().collectList();
  }

  /**
   * Creates the rebuild's schema with copies of the projection's tables (in one transaction), empty
   * but for those of {@code seeded} (its own tables), which start with the live rows.
   */
  Mono<Prepared> prepare(String consumer, List<String> seeded) {
    String target = rebuildSchema(consumer);
    return tables(schema, consumer).flatMap(own -> {
      if (own.isEmpty()) {
        return Mono.error(new IllegalStateException("no table is named " + consumer + "_* in schema " + schema));
      }
      List<String> all = new ArrayList<>(own);
      all.addAll(SHARED);
      String[] ownNames = own.toArray(String[]::new);
      String[] allNames = all.toArray(String[]::new);
      List<String> deferred = new ArrayList<>();
      Mono<Void> work = refuseSequences(ownNames)
          .then(db.sql("CREATE SCHEMA " + quote(target)).then())
          // Constraint definitions name other tables unqualified: the copies of the projection's own come first.
          .then(db.sql("SELECT set_config('search_path', :path || ', ' || current_setting('search_path'), true)")
              .bind("path", quote(target)).then())
          .then(Flux.fromIterable(all)
              .concatMap(table -> db.sql("CREATE TABLE " + quote(target) + "." + quote(table) + " (LIKE " + quote(schema) + "." + quote(table)
                  + " INCLUDING ALL EXCLUDING INDEXES)").then())
              .then())
          .then(constraints(allNames).concatMap(ddl -> db.sql(ddl).then()).then())
          .then(indexes(ownNames, target).concatMap(index -> {
            if (index.unique()) {
              return db.sql(index.ddl()).then();
            }
            deferred.add(index.ddl());
            return Mono.empty();
          }).then())
          .then(triggers(ownNames, target).concatMap(ddl -> db.sql(ddl).then()).then())
          .then(Flux.fromIterable(seeded).filter(own::contains)
              .concatMap(table -> db.sql("INSERT INTO " + quote(target) + "." + quote(table) + " SELECT * FROM " + quote(schema) + "."
                  + quote(table)).then())
              .then());
      return tx.transactional(work).then(Mono.fromSupplier(() -> new Prepared(List.copyOf(deferred))));
    });
  }

  /** A serial column's copy would draw from the live table's sequence, which the switch drops. */
  private Mono<Void> refuseSequences(String[] tables) {
    return db.sql("""
            SELECT table_name || '.' || column_name AS col FROM information_schema.columns
            WHERE table_schema = :schema AND table_name = ANY(:tables) AND column_default LIKE 'nextval(%'
            """)
        .bind("schema", schema).bind("tables", tables)
        .map(row -> row.get("col", String.class)).all().collectList()
        .flatMap(cols -> cols.isEmpty() ? Mono.empty()
            : Mono.error(new IllegalStateException("a rebuild cannot copy serial columns " + cols + "; use identity columns")));
  }

  /** Keys, unique and exclusion constraints first, foreign keys after (they need the keys they point at). */
  private Flux<String> constraints(String[] tables) {
    return db.sql("""
            SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) AS def
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = :schema AND c.relname = ANY(:tables) AND con.contype IN ('p', 'u', 'x', 'f')
            ORDER BY con.contype = 'f', c.relname, con.conname
            """)
        .bind("schema", schema).bind("tables", tables)
        .map(row -> "ALTER TABLE " + quote(row.get("relname", String.class)) + " ADD CONSTRAINT " + quote(row.get("conname", String.class))
            + " " + row.get("def", String.class))
        .all();
  }

  private record Index(String ddl, boolean unique) {}

  /** The indexes that back no constraint, as the live ones are defined, on the copies. */
  private Flux<Index> indexes(String[] tables, String target) {
    return db.sql("""
            SELECT replace(pg_get_indexdef(i.indexrelid),
                           ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ',
                           ' ON ' || quote_ident(:target) || '.' || quote_ident(c.relname) || ' ') AS ddl,
                   i.indisunique AS is_unique
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = :schema AND c.relname = ANY(:tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = c.oid)
            ORDER BY c.relname, i.indexrelid
            """)
        .bind("schema", schema).bind("tables", tables).bind("target", target)
        .map(row -> new Index(row.get("ddl", String.class), Boolean.TRUE.equals(row.get("is_unique", Boolean.class))))
        .all();
  }

  private Flux<String> triggers(String[] tables, String target) {
    return db.sql("""
            SELECT replace(pg_get_triggerdef(t.oid),
                           ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ',
                           ' ON ' || quote_ident(:target) || '.' || quote_ident(c.relname) || ' ') AS ddl
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = :schema AND c.relname = ANY(:tables) AND NOT t.tgisinternal
            ORDER BY c.relname, t.tgname
            """)
        .bind("schema", schema).bind("tables", tables).bind("target", target)
        .map(row -> row.get("ddl", String.class))
        .all();
  }

  /** Builds the indexes {@link #prepare} deferred: one bulk sort per index instead of an insert into it per row. */
  Mono<Void> createDeferred(Prepared prepared) {
    return Flux.fromIterable(prepared.deferredIndexes())
        .concatMap(ddl -> tx.transactional(db.sql("SELECT set_config('statement_timeout', '0', true)").then().then(db.sql(ddl).then())))
        .then();
  }

  /**
   * The first statement of a rebuild batch's transaction: the copies come first in the search path.
   * Its commit does not wait for the disk: a crash loses the last batches, and fails the rebuild
   * all the same (the next one starts over).
   */
  Mono<Void> useCopies(String consumer) {
    return db.sql("SELECT set_config('search_path', :path || ', ' || current_setting('search_path'), true),"
            + " set_config('synchronous_commit', 'off', true)")
        .bind("path", quote(rebuildSchema(consumer))).then();
  }

  /** How far the rebuild got per partition (its stored positions); empty when it has no schema (any more). */
  Mono<Map<TopicPartition, Long>> positions(String consumer) {
    String target = rebuildSchema(consumer);
    return db.sql("SELECT count(*) AS n FROM pg_namespace WHERE nspname = :name").bind("name", target)
        .map(row -> row.get("n", Long.class)).one()
        .flatMap(n -> n == 0 ? Mono.just(Map.<TopicPartition, Long>of())
            : db.sql("SELECT topic, kafka_partition, next_offset FROM " + quote(target) + ".projection_positions WHERE consumer = :consumer")
                .bind("consumer", consumer)
                .map(row -> Map.entry(new TopicPartition(row.get("topic", String.class), row.get("kafka_partition", Integer.class)),
                    row.get("next_offset", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .onErrorResume(e -> Mono.just(Map.of()))); // dropped between the two statements: finished
  }

  /**
   * The switch, in one transaction under the projection's switch lock (exclusive: the live batch in
   * flight finishes first, the next waits): fails with {@link BehindLive} when the live consumer has
   * applied further on some partition than the rebuild; otherwise moves the live tables out and the
   * copies in, replaces the consumer's rows of the shared tables and marks the rebuild succeeded.
   */
  Mono<Void> switchOver(String consumer, UUID rebuild, long eventsReplayed, ProjectionStore store) {
    String from = quote(rebuildSchema(consumer));
    String live = quote(schema);
    String retired = quote(retiredSchema(consumer));
    // No statement timeout for the copy of the shared rows; a bounded wait for each lock instead (the
    // live batch in flight, then the report queries reading the tables being moved).
    Mono<Void> work = db.sql("SELECT set_config('statement_timeout', '0', true), set_config('lock_timeout', '60s', true)").then()
        .then(store.holdSwitchExclusive(consumer))
        .then(db.sql("SELECT l.topic, l.kafka_partition, l.next_offset FROM " + live + ".projection_positions l LEFT JOIN " + from
                + ".projection_positions r ON r.consumer = l.consumer AND r.topic = l.topic AND r.kafka_partition = l.kafka_partition"
                + " WHERE l.consumer = :consumer AND (r.next_offset IS NULL OR r.next_offset < l.next_offset)")
            .bind("consumer", consumer)
            .map(row -> Map.entry(new TopicPartition(row.get("topic", String.class), row.get("kafka_partition", Integer.class)),
                row.get("next_offset", Long.class)))
            .all().collectMap(Map.Entry::getKey, Map.Entry::getValue))
        .flatMap(behind -> behind.isEmpty() ? Mono.empty() : Mono.error(new BehindLive(new HashMap<>(behind))))
        .then(Mono.zip(tables(schema, consumer), tables(rebuildSchema(consumer), consumer)))
        .flatMap(both -> {
          Set<String> liveTables = new TreeSet<>(both.getT1());
          Set<String> copies = new TreeSet<>(both.getT2());
          if (!liveTables.equals(copies)) {
            return Mono.error(new IllegalStateException("the projection's tables changed during the rebuild: " + liveTables + " now, " + copies
                + " copied; rebuild again"));
          }
          List<String> statements = new ArrayList<>();
          statements.add("CREATE SCHEMA " + retired);
          for (String table : liveTables) {
            statements.add("ALTER TABLE " + live + "." + quote(table) + " SET SCHEMA " + retired);
            statements.add("ALTER TABLE " + from + "." + quote(table) + " SET SCHEMA " + live);
          }
          for (String table : SHARED) {
            statements.add("DELETE FROM " + live + "." + quote(table) + " WHERE consumer = :consumer");
            statements.add("INSERT INTO " + live + "." + quote(table) + " SELECT * FROM " + from + "." + quote(table) + " WHERE consumer = :consumer");
          }
          return Flux.fromIterable(statements)
              .concatMap(sql -> sql.contains(":consumer") ? db.sql(sql).bind("consumer", consumer).then() : db.sql(sql).then())
              .then();
        })
        .then(db.sql("UPDATE " + live + ".projection_rebuilds SET state = 'SUCCEEDED', phase = 'DONE', finished_at = now(),"
                + " events_replayed = :events WHERE id = :id")
            .bind("id", rebuild).bind("events", eventsReplayed).then());
    return tx.transactional(work);
  }

  /** A quoted identifier. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
