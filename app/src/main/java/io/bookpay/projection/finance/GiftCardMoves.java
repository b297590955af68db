package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.GiftCardReversalUndone;
import io.bookpay.events.money.GiftCardReversed;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gift-card liability ({@code finance_gift_card_moves}): every change of a card's value, signed as
 * it moved the balance, one row per event. The sum up to a day is what the cards owe at its end.
 */
@Component
class GiftCardMoves {

  private final DatabaseClient db;

  GiftCardMoves(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    Rows rows = new Rows();
    for (EventEnvelope event : batch) {
      Object payload = event.payload();
      LocalDate day = days.day(event);
      if (payload instanceof GiftCardIssued g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "ISSUED", g.amount(), g.invoiceId() == null, g.amount());
      } else if (payload instanceof GiftCardRedeemed g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "REDEEMED", -g.amount(), false, g.balance());
      } else if (payload instanceof GiftCardRefunded g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "REFUNDED", g.amount(), false, g.balance());
      } else if (payload instanceof GiftCardAdjusted g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "ADJUSTED", g.amount(), false, g.balance());
      } else if (payload instanceof GiftCardReversed g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "REVERSED", -g.amount(), false, g.balance());
      } else if (payload instanceof GiftCardReversalUndone g) {
        rows.add(event.tenantId(), event.eventId(), g.giftCardId(), day, g.currency(), "REVERSAL_UNDONE", g.amount(), false, g.balance());
      }
    }
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_gift_card_moves (tenant_id, event_id, gift_card_id, day, currency, kind, amount, without_payment, balance_after)
            SELECT * FROM unnest(:tenants::uuid[], :events::uuid[], :cards::uuid[], :days::date[], :currencies::text[], :kinds::text[],
                                 :amounts::bigint[], :withoutPayment::boolean[], :balances::bigint[])
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            """)
        .bind("tenants", rows.column(0, UUID.class)).bind("events", rows.column(1, UUID.class))
        .bind("cards", rows.column(2, UUID.class)).bind("days", rows.column(3, LocalDate.class))
        .bind("currencies", rows.column(4, String.class)).bind("kinds", rows.column(5, String.class))
        .bind("amounts", rows.column(6, Long.class)).bind("withoutPayment", rows.column(7, Boolean.class))
        .bind("balances", rows.column(8, Long.class))
        .then();
  }
}
