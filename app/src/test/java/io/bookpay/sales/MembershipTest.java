package io.bookpay.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.money.MembershipEnded;
import io.bookpay.events.money.MembershipRestored;
import io.bookpay.events.money.MembershipShortened;
import io.bookpay.events.money.MembershipStarted;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Memberships return what they are after a move and the events that announce it; no database. */
class MembershipTest {

  private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");
  private static final Sale SALE = new Sale(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "USD");
  private static final UUID REFUND = UUID.randomUUID();

  private static MembershipTier tier(String period) {
    return new MembershipTier(UUID.randomUUID(), SALE.tenantId(), "Gold", 3_000, "USD", period, true, NOW);
  }

  @Test
  void aMonthlyMembershipIsPaidForQuantityCalendarMonths() {
    MembershipTier gold = tier("MONTH");
    UUID id = UUID.randomUUID();
    Changed<Membership> started = Membership.start(id, SALE, gold, 2, 2_700, NOW);
    Instant ends = Instant.parse("2026-03-31T10:00:00Z");
    assertThat(started.state()).isEqualTo(new Membership(id, SALE.tenantId(), gold.id(), SALE.customerId(), SALE.invoiceId(), "ACTIVE",
        2_700, "USD", "MONTH", NOW, ends, null, NOW));
    assertThat(started.events()).containsExactly(
        new MembershipStarted(id, gold.id(), SALE.customerId(), SALE.invoiceId(), 2_700, "USD", "MONTH", NOW, ends));
  }

  @Test
  void aYearlyMembershipIsPaidForQuantityYears() {
    Changed<Membership> started = Membership.start(UUID.randomUUID(), SALE, tier("YEAR"), 1, 30_000, NOW);
    assertThat(started.state().endsAt()).isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
  }

  @Test
  void aShorteningThatLeavesPaidTimeAnnouncesOnlyTheNewEnd() {
    Membership shortened = membership("ACTIVE", NOW.plusSeconds(86_400), null);
    Changed<Membership> change = shortened.shortenedFrom(NOW.plusSeconds(10 * 86_400), SALE.invoiceId(), REFUND, NOW);
    assertThat(change.state()).isSameAs(shortened);
    assertThat(change.events()).containsExactly(new MembershipShortened(shortened.id(), SALE.invoiceId(), REFUND,
        NOW.plusSeconds(10 * 86_400), NOW.plusSeconds(86_400), false));
  }

  @Test
  void aShorteningThatEndsItAlsoAnnouncesTheEndForTheRefund() {
    Membership ended = membership("ENDED", NOW.minusSeconds(60), NOW);
    Changed<Membership> change = ended.shortenedFrom(NOW.plusSeconds(86_400), SALE.invoiceId(), REFUND, NOW);
    assertThat(change.events()).containsExactly(
        new MembershipShortened(ended.id(), SALE.invoiceId(), REFUND, NOW.plusSeconds(86_400), NOW.minusSeconds(60), true),
        new MembershipEnded(ended.id(), ended.tierId(), ended.customerId(), NOW, "refunded"));
  }

  @Test
  void aRestoreSaysWhetherItIsActiveAgain() {
    Membership active = membership("ACTIVE", NOW.plusSeconds(86_400), null);
    assertThat(active.restored(SALE.invoiceId(), REFUND).events())
        .containsExactly(new MembershipRestored(active.id(), SALE.invoiceId(), REFUND, NOW.plusSeconds(86_400), true));
    Membership stillEnded = membership("ENDED", NOW.minusSeconds(60), NOW.minusSeconds(60));
    assertThat(stillEnded.restored(SALE.invoiceId(), REFUND).events())
        .containsExactly(new MembershipRestored(stillEnded.id(), SALE.invoiceId(), REFUND, NOW.minusSeconds(60), false));
  }

  @Test
  void anEndAnnouncesWhenAndWhy() {
    Membership ended = membership("ENDED", NOW, NOW);
    Changed<Membership> change = ended.ended(NOW, "period ended");
    assertThat(change.state()).isSameAs(ended);
    assertThat(change.events()).containsExactly(new MembershipEnded(ended.id(), ended.tierId(), ended.customerId(), NOW, "period ended"));
  }

  private static Membership membership(String status, Instant endsAt, Instant endedAt) {
    return new Membership(UUID.randomUUID(), SALE.tenantId(), UUID.randomUUID(), SALE.customerId(), SALE.invoiceId(), status, 3_000,
        "USD", "MONTH", NOW.minusSeconds(30 * 86_400), endsAt, endedAt, NOW.minusSeconds(30 * 86_400));
  }
}
