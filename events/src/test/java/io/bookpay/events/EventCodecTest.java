package io.bookpay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.events.money.DisputeClosed;
import io.bookpay.events.money.DisputeOpened;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingHoldExpired;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.events.customer.CustomerDeleted;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.events.link.LinkCreated;
import io.bookpay.events.link.LinkRevoked;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.events.claim.*;
import io.bookpay.events.money.*;
import io.bookpay.events.money.InvoiceEvent.InvoiceFacts;
import io.bookpay.events.money.InvoiceEvent.LineFacts;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTest {

  private static final UUID TENANT = UUID.fromString("0190f3a2-0000-7000-8000-000000000001");
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123456Z");

  /** One sample per catalogued event type; the test below fails when a type has none. */
  private static final BookingFacts FACTS =
      new BookingFacts(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
          AT, AT.plusSeconds(1800), 12_500, "EUR");

  private static final InvoiceFacts INVOICE =
      new InvoiceFacts(UUID.randomUUID(), null, "USD", 20_000, 2_000, 1_440, 19_440, 0, 0, 19_440, AT.plusSeconds(86_400),
          List.of(new LineFacts("SERVICE", "Facial", 1, 20_000, 20_000, 2_000, 1_440, UUID.randomUUID())));

  private static final MoneyFacts MONEY = new MoneyFacts(UUID.randomUUID(), "CARD", 5_000, "USD", List.of("SERVICE", "PACKAGE"),
      Map.of("SERVICE", 3_333L, "PACKAGE", 1_667L));

  private static final Map<Class<? extends DomainEvent>, ? extends DomainEvent> SAMPLES =
      Map.ofEntries(
          Map.entry(CustomerRegistered.class, new CustomerRegistered(UUID.randomUUID(), "Ada Lovelace", "ada@example.com", null)),
          Map.entry(CustomerDeleted.class, new CustomerDeleted(UUID.randomUUID())),
          Map.entry(BookingHeld.class, new BookingHeld(FACTS, AT.plusSeconds(300))),
          Map.entry(BookingConfirmed.class, new BookingConfirmed(FACTS)),
          Map.entry(BookingCancelled.class, new BookingCancelled(FACTS, "customer called")),
          Map.entry(BookingCompleted.class, new BookingCompleted(FACTS)),
          Map.entry(BookingNoShow.class, new BookingNoShow(FACTS)),
          Map.entry(BookingRescheduled.class, new BookingRescheduled(FACTS, AT.minusSeconds(3600), AT.minusSeconds(1800))),
          Map.entry(BookingHoldExpired.class, new BookingHoldExpired(FACTS)),
          Map.entry(LinkCreated.class, new LinkCreated(UUID.randomUUID(), UUID.randomUUID(), null, null, null, AT.plusSeconds(86_400), 1)),
          Map.entry(LinkRevoked.class, new LinkRevoked(UUID.randomUUID())),
          Map.entry(LinkViewed.class, new LinkViewed(UUID.randomUUID(), 42, AT, AT.plusSeconds(1))),
          Map.entry(LinkUsed.class, new LinkUsed(UUID.randomUUID(), UUID.randomUUID(), 1)),
          Map.entry(InvoiceIssued.class, new InvoiceIssued(UUID.randomUUID(), INVOICE)),
          Map.entry(InvoiceVoided.class, new InvoiceVoided(UUID.randomUUID(), INVOICE, "duplicate")),
          Map.entry(InvoicePaid.class, new InvoicePaid(UUID.randomUUID(), INVOICE)),
          Map.entry(PaymentSucceeded.class, new PaymentSucceeded(UUID.randomUUID(), UUID.randomUUID(), MONEY, null, "sim_ch_1")),
          Map.entry(PaymentFailed.class, new PaymentFailed(UUID.randomUUID(), UUID.randomUUID(), MONEY, "card_declined")),
          Map.entry(GiftCardReversed.class, new GiftCardReversed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 4_000, 1_000, "USD")),
          Map.entry(GiftCardReversalUndone.class, new GiftCardReversalUndone(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 4_000, 5_000,
              "USD")),
          Map.entry(PackageSessionsReversed.class, new PackageSessionsReversed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 3, 2)),
          Map.entry(PackageSessionsRestored.class, new PackageSessionsRestored(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 3, 5)),
          Map.entry(MembershipShortened.class, new MembershipShortened(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AT.plusSeconds(60),
              AT, true)),
          Map.entry(MembershipRestored.class, new MembershipRestored(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AT.plusSeconds(60),
              true)),
          Map.entry(PaymentCanceled.class, new PaymentCanceled(UUID.randomUUID(), UUID.randomUUID(), MONEY)),
          Map.entry(RefundSucceeded.class, new RefundSucceeded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), MONEY, "goodwill")),
          Map.entry(RefundFailed.class, new RefundFailed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), MONEY, "expired_card")),
          Map.entry(CouponRedeemed.class, new CouponRedeemed(UUID.randomUUID(), UUID.randomUUID(), "SPRING10", UUID.randomUUID(), 2_000, "USD", 3)),
          Map.entry(GiftCardIssued.class, new GiftCardIssued(UUID.randomUUID(), UUID.randomUUID(), null, 10_000, "USD", AT.plusSeconds(3_600))),
          Map.entry(GiftCardRedeemed.class, new GiftCardRedeemed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 2_500, 7_500, "USD")),
          Map.entry(PackagePurchased.class, new PackagePurchased(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
              UUID.randomUUID(), 5, 40_000, "USD")),
          Map.entry(PackageSessionRedeemed.class, new PackageSessionRedeemed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 4)),
          Map.entry(MembershipStarted.class, new MembershipStarted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
              9_900, "USD", "MONTH", AT, AT.plusSeconds(2_592_000))),
          Map.entry(ClaimCreated.class, new ClaimCreated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(),
              java.time.LocalDate.of(2026, 12, 31), 40_000, 30_400, "USD")),
          Map.entry(ClaimSubmitted.class, new ClaimSubmitted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 40_000, 19_600, "USD",
              "Acme Health")),
          Map.entry(ClaimStatusChanged.class, new ClaimStatusChanged(UUID.randomUUID(), "UNDER_REVIEW", "ADDITIONAL_INFO_REQUIRED", "need the referral")),
          Map.entry(ClaimApproved.class, new ClaimApproved(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 30_000, 40_000, "USD",
              "Acme Health")),
          Map.entry(ClaimRejected.class, new ClaimRejected(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "not covered", "Acme Health")),
          Map.entry(ClaimDocumentAdded.class, new ClaimDocumentAdded(UUID.randomUUID(), UUID.randomUUID(), "referral.pdf", "application/pdf",
              52_113, "ab".repeat(32))),
          Map.entry(LinkSlotsSearched.class, new LinkSlotsSearched(UUID.randomUUID(), 7, AT, AT.plusSeconds(1))),
          Map.entry(TenantProfileChanged.class, new TenantProfileChanged(TENANT, "Harbour Clinic", "Europe/Berlin", 3)),
          Map.entry(ServiceChanged.class, new ServiceChanged(UUID.randomUUID(), "Consultation", 30, 6_000, "EUR", true, false, 0)),
          Map.entry(LocationChanged.class, new LocationChanged(UUID.randomUUID(), "Harbour", "Europe/Berlin", true, 2)),
          Map.entry(ProviderChanged.class, new ProviderChanged(UUID.randomUUID(), "Dr. Weiss", true, List.of(UUID.randomUUID()),
              List.of(UUID.randomUUID()), List.of(new ProviderChanged.Hours(UUID.randomUUID(), 1, LocalTime.of(9, 0), LocalTime.of(17, 30))), 4)),
          Map.entry(CustomEventRecorded.class, new CustomEventRecorded(UUID.randomUUID(), "page.scrolled", AT, UUID.randomUUID(), "s-1", null,
              JsonMapper.builder().build().readTree("{\"depth\":0.75,\"section\":\"prices\",\"tags\":[1,2]}"))),
          Map.entry(GiftCardAdjusted.class, new GiftCardAdjusted(UUID.randomUUID(), -1_500, 8_500, "USD")),
          Map.entry(GiftCardRefunded.class, new GiftCardRefunded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
              2_000, 9_500, "USD")),
          Map.entry(PaymentCapturedAfterCancel.class, new PaymentCapturedAfterCancel(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
              MONEY, "sim_ch_2")),
          Map.entry(CapturedAfterCancelRefunded.class, new CapturedAfterCancelRefunded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
              MONEY)),
          Map.entry(CapturedAfterCancelRefundFailed.class, new CapturedAfterCancelRefundFailed(UUID.randomUUID(), UUID.randomUUID(),
              UUID.randomUUID(), MONEY, "expired_card")),
          Map.entry(PaymentAllocated.class, new PaymentAllocated(UUID.randomUUID(), UUID.randomUUID(), MONEY, null)),
          Map.entry(RefundAllocated.class, new RefundAllocated(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), MONEY)),
          Map.entry(DisputeOpened.class, new DisputeOpened(UUID.randomUUID(), UUID.randomUUID(), "dp_1", MONEY, "fraudulent")),
          Map.entry(DisputeClosed.class, new DisputeClosed(UUID.randomUUID(), UUID.randomUUID(), "dp_1", MONEY, "lost")),
          Map.entry(MembershipEnded.class, new MembershipEnded(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), AT, "cancelled")));

  private final EventCodec codec = new EventCodec();

  @Test
  void everyCataloguedEventRoundTrips() {
    assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    for (DomainEvent event : SAMPLES.values()) {
      EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, event);
      assertThat(codec.decode(codec.encode(envelope))).isEqualTo(envelope);
    }
  }

  @Test
  void envelopeFieldsSitAtTheTopLevel() {
    UUID customerId = UUID.fromString("0190f3a2-0000-7000-8000-0000000000aa");
    EventEnvelope envelope =
        EventEnvelope.wrap(
            UUID.fromString("0190f3a2-0000-7000-8000-0000000000ee"),
            TENANT,
            AT,
            new CustomerRegistered(customerId, "Ada", "ada@example.com", "+44 20 7946 0000"));

    String json = new String(codec.encode(envelope), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"eventId\":\"0190f3a2-0000-7000-8000-0000000000ee\",\"type\":\"CustomerRegistered\","
                + "\"schemaVersion\":1,\"tenantId\":\"0190f3a2-0000-7000-8000-000000000001\","
                + "\"aggregateType\":\"Customer\",\"aggregateId\":\"0190f3a2-0000-7000-8000-0000000000aa\","
                + "\"occurredAt\":\"2026-11-22T10:15:30.123456Z\",\"payload\":{\"customerId\":"
                + "\"0190f3a2-0000-7000-8000-0000000000aa\",\"name\":\"Ada\",\"email\":\"ada@example.com\","
                + "\"phone\":\"+44 20 7946 0000\"}}");
    assertThat(envelope.topic()).isEqualTo(Topics.CUSTOMERS);
  }

  @Test
  void unknownTypesAndAddedFieldsStillDecode() {
    String json =
        "{\"eventId\":\"0190f3a2-0000-7000-8000-0000000000ee\",\"type\":\"SomethingNew\",\"schemaVersion\":3,"
            + "\"tenantId\":\"0190f3a2-0000-7000-8000-000000000001\",\"aggregateType\":\"Customer\","
            + "\"aggregateId\":\"0190f3a2-0000-7000-8000-0000000000aa\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
            + "\"payload\":{\"x\":1},\"addedLater\":true}";

    EventEnvelope envelope = codec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(envelope.type()).isEqualTo("SomethingNew");
    assertThat(envelope.schemaVersion()).isEqualTo(3);
    assertThat(envelope.payload()).isNull();
  }

  @Test
  void addedPayloadFieldsAreIgnored() {
    String json =
        "{\"eventId\":\"0190f3a2-0000-7000-8000-0000000000ee\",\"type\":\"CustomerRegistered\",\"schemaVersion\":1,"
            + "\"tenantId\":\"0190f3a2-0000-7000-8000-000000000001\",\"aggregateType\":\"Customer\","
            + "\"aggregateId\":\"0190f3a2-0000-7000-8000-0000000000aa\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
            + "\"payload\":{\"customerId\":\"0190f3a2-0000-7000-8000-0000000000aa\",\"name\":\"Ada\",\"nickname\":\"A\"}}";

    EventEnvelope envelope = codec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(envelope.payload())
        .isEqualTo(
            new CustomerRegistered(UUID.fromString("0190f3a2-0000-7000-8000-0000000000aa"), "Ada", null, null));
  }

  @Test
  void garbageIsRefusedWithOneExceptionType() {
    for (String bad : List.of("", "not json", "{}", "{\"eventId\":\"nope\"}", "[1,2]")) {
      assertThatThrownBy(() -> codec.decode(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(MalformedEventException.class);
    }
  }

  @Test
  void cloudEventHeadersDescribeTheEnvelope() {
    UUID eventId = UUID.randomUUID();
    UUID customerId = UUID.randomUUID();
    EventEnvelope envelope =
        EventEnvelope.wrap(eventId, TENANT, AT, new CustomerRegistered(customerId, "Ada", null, null));

    Map<String, String> headers = new java.util.LinkedHashMap<>();
    CloudEventHeaders.of(envelope)
        .forEach((k, v) -> headers.put(k, new String(v, StandardCharsets.UTF_8)));

    assertThat(headers)
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", eventId.toString())
        .containsEntry("ce_source", "/bookpay/tenants/" + TENANT)
        .containsEntry("ce_type", "io.bookpay.CustomerRegistered")
        .containsEntry("ce_time", "2026-11-22T10:15:30.123456Z")
        .containsEntry("ce_subject", "Customer/" + customerId)
        .containsEntry("content-type", "application/json");
  }

  @Test
  void newEventsTravelOnTheirBusinessTopics() {
    assertThat(Topics.ALL).contains(Topics.TENANTS, Topics.CATALOG, Topics.ANALYTICS);
    assertThat(topicOf(new TenantProfileChanged(TENANT, "Harbour Clinic", "UTC", 0))).isEqualTo("bookpay.tenants");
    assertThat(topicOf(new ServiceChanged(UUID.randomUUID(), "Consultation", 30, 6_000, "EUR", true, false, 0))).isEqualTo("bookpay.catalog");
    assertThat(topicOf(new LocationChanged(UUID.randomUUID(), "Harbour", "UTC", true, 0))).isEqualTo("bookpay.catalog");
    assertThat(topicOf(new ProviderChanged(UUID.randomUUID(), "Dr. Weiss", true, null, null, null, 0))).isEqualTo("bookpay.catalog");
    assertThat(topicOf(new LinkSlotsSearched(UUID.randomUUID(), 3, AT, AT))).isEqualTo("bookpay.links");
    assertThat(topicOf(new CustomEventRecorded(UUID.randomUUID(), "page.scrolled", AT, null, null, null, null))).isEqualTo("bookpay.analytics");
  }

  @Test
  void workingHoursAreLocalTimesOnTheWire() {
    UUID provider = UUID.fromString("0190f3a2-0000-7000-8000-0000000000bb");
    UUID location = UUID.fromString("0190f3a2-0000-7000-8000-0000000000cc");
    EventEnvelope envelope = EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT,
        new ProviderChanged(provider, "Dr. Weiss", true, List.of(location), List.of(),
            List.of(new ProviderChanged.Hours(location, 1, LocalTime.of(9, 0), LocalTime.of(17, 30))), 4));

    String json = new String(codec.encode(envelope), StandardCharsets.UTF_8);

    assertThat(json).contains("\"workingHours\":[{\"locationId\":\"" + location + "\",\"weekday\":1,\"start\":\"09:00:00\",\"end\":\"17:30:00\"}]");
  }

  @Test
  void anEventPublishedBeforeAFieldWasAddedStillDecodesWithTheSameSchemaVersion() {
    String json =
        "{\"eventId\":\"0190f3a2-0000-7000-8000-0000000000ee\",\"type\":\"ClaimApproved\",\"schemaVersion\":1,"
            + "\"tenantId\":\"0190f3a2-0000-7000-8000-000000000001\",\"aggregateType\":\"Claim\","
            + "\"aggregateId\":\"0190f3a2-0000-7000-8000-0000000000aa\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
            + "\"payload\":{\"claimId\":\"0190f3a2-0000-7000-8000-0000000000aa\",\"amount\":100,\"claimedAmount\":200,"
            + "\"currency\":\"USD\"}}";

    EventEnvelope envelope = codec.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(((ClaimApproved) envelope.payload()).payer()).isNull();
    assertThat(EventTypes.schemaVersionOf(ClaimApproved.class)).isEqualTo(1);
    assertThat(EventTypes.schemaVersionOf(LinkViewed.class)).isEqualTo(1);
  }

  private static String topicOf(DomainEvent event) {
    return EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, event).topic();
  }
}
