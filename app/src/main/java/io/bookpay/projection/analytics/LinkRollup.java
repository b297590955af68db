package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.link.LinkViewed;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The top of the funnel per link and day ({@code analytics_link_daily}): views and public slot
 * searches. Both travel in batches (one event per link per flush interval), so an event of n views
 * adds n.
 */
@Component
class LinkRollup {

  private record Key(UUID tenant, LocalDate day, UUID link) {}

  private final DatabaseClient db;

  LinkRollup(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Buckets buckets) {
    Map<Key, long[]> counts = new LinkedHashMap<>(); // {views, slot searches}
    for (EventEnvelope e : batch) {
      if (e.payload() instanceof LinkViewed viewed) {
        counts.computeIfAbsent(new Key(e.tenantId(), buckets.day(e), viewed.linkId()), k -> new long[2])[0] += viewed.views();
      } else if (e.payload() instanceof LinkSlotsSearched searched) {
        counts.computeIfAbsent(new Key(e.tenantId(), buckets.day(e), searched.linkId()), k -> new long[2])[1] += searched.searches();
      }
    }
    if (counts.isEmpty()) {
      return Mono.empty();
    }
    int n = counts.size();
    UUID[] tenants = new UUID[n];
    LocalDate[] days = new LocalDate[n];
    UUID[] links = new UUID[n];
    Long[] views = new Long[n];
    Long[] searches = new Long[n];
    int i = 0;
    for (Map.Entry<Key, long[]> entry : counts.entrySet()) {
      tenants[i] = entry.getKey().tenant();
      days[i] = entry.getKey().day();
      links[i] = entry.getKey().link();
      views[i] = entry.getValue()[0];
      searches[i++] = entry.getValue()[1];
    }
    return db.sql("""
            INSERT INTO analytics_link_daily (tenant_id, day, link_id, views, slot_searches)
            SELECT * FROM unnest(:tenants::uuid[], :days::date[], :links::uuid[], :views::bigint[], :searches::bigint[])
            ON CONFLICT (tenant_id, day, link_id) DO UPDATE
              SET views = analytics_link_daily.views + EXCLUDED.views,
                  slot_searches = analytics_link_daily.slot_searches + EXCLUDED.slot_searches
            """)
        .bind("tenants", tenants).bind("days", days).bind("links", links).bind("views", views).bind("searches", searches)
        .then();
  }
}
