package io.bookpay.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.DomainEvent;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.EventTypes;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.events.claim.ClaimDocumentAdded;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.events.money.InvoiceEvent.InvoiceFacts;
import io.bookpay.events.money.InvoiceEvent.LineFacts;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.tenant.TenantProfileChanged;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * No personal data reaches analytics_events: every event type that carries some (names, emails,
 * phones, free text that may hold them) is stored without it, and every text field of every event
 * type is either dropped by the deny-list or declared here as not personal, so a new field has to
 * be judged before it is stored.
 */
class EventLogPersonalDataTest {

  private static final UUID TENANT = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

  /**
   * Text fields that carry no personal data: codes, enumerations (statuses), currencies, zones,
   * hashes, the gateway's failure codes. (Typed reasons are free text: the deny-list drops them.)
   */
  private static final Set<String> NOT_PERSONAL = Set.of(
      "currency", "method", "kind", "lineItemKinds", "code", "period", "timeZone", "payer", "gatewayReference", "from", "to",
      "contentType", "sha256", "eventType", "sessionId", "failureReason",
      "disputeReference", "outcome", "brandColor", "logoUrl");

  /** Maps whose keys carry no personal data: {@code byLineKind} is keyed by line kind (SERVICE, PRODUCT, ...). */
  private static final Set<String> NOT_PERSONAL_MAPS = Set.of("byLineKind");

  @Test
  void everyTextFieldOfEveryEventIsJudged() {
    Set<String> unjudged = new TreeSet<>();
    for (Class<? extends DomainEvent> type : EventTypes.ALL) {
      textFields(type, EventTypes.nameOf(type), unjudged);
    }
    assertThat(unjudged).as("text fields neither denied by PersonalData nor declared NOT_PERSONAL in this test").isEmpty();
  }

  @Test
  void eventsCarryingPersonalDataAreStoredWithoutIt() {
    UUID customer = UUID.randomUUID();
    List<DomainEvent> personal = List.of(
        new CustomerRegistered(customer, "Ada Lovelace", "ada@example.com", "+44 20 7946 0000"),
        new TenantProfileChanged(TENANT, "Ada Lovelace Clinic", "Europe/London", 1),
        new ServiceChanged(UUID.randomUUID(), "Ada Lovelace special", 30, 5_000, "GBP", true, false, 0),
        new LocationChanged(UUID.randomUUID(), "Ada Lovelace house", "Europe/London", true, 0),
        new ProviderChanged(UUID.randomUUID(), "Ada Lovelace", true, List.of(), List.of(),
            List.of(new ProviderChanged.Hours(UUID.randomUUID(), 1, LocalTime.NOON, LocalTime.MIDNIGHT.minusHours(1))), 0),
        new ClaimDocumentAdded(UUID.randomUUID(), UUID.randomUUID(), "ada-lovelace-referral.pdf", "application/pdf", 10, "ab".repeat(32)),
        new InvoiceIssued(UUID.randomUUID(), new InvoiceFacts(customer, null, "GBP", 5_000, 0, 0, 5_000, 0, 0, 5_000, null,
            List.of(new LineFacts("SERVICE", "Facial for Ada Lovelace", 1, 5_000, 5_000, 0, 0, null)))),
        new CustomEventRecorded(UUID.randomUUID(), "form.submitted", AT, customer, "s-1", null, JsonMapper.builder().build().readTree("""
            {"step": 2, "contact": {"email": "ada@example.com", "first_name": "Ada", "Last-Name": "Lovelace"},
             "people": [{"fullName": "Ada Lovelace", "mobile": "+44 20 7946 0000", "role": "guest"}],
             "ContactPhone": "+44 20 7946 0000", "note": "call Ada Lovelace", "plan": "gold"}""")));

    for (DomainEvent event : personal) {
      EventLog.Stored stored = EventLog.Stored.of(EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, event));
      assertThat(stored.data()).as(event.type())
          .doesNotContain("Ada").doesNotContain("Lovelace").doesNotContain("ada@example.com").doesNotContain("7946");
    }
    // What is not personal stays, ids included.
    EventLog.Stored custom = EventLog.Stored.of(EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, personal.get(7)));
    assertThat(custom.data()).contains("\"step\":2", "\"role\":\"guest\"", "\"plan\":\"gold\"");
    assertThat(custom.customerId()).isEqualTo(customer);
    assertThat(custom.type()).isEqualTo("form.submitted");
    EventLog.Stored registered = EventLog.Stored.of(EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, personal.get(0)));
    assertThat(registered.data()).isEqualTo("{\"customerId\":\"" + customer + "\"}");
    assertThat(registered.customerId()).isEqualTo(customer);
    assertThat(EventLog.Stored.of(EventEnvelope.wrap(UUID.randomUUID(), TENANT, AT, personal.get(6))).customerId()).isEqualTo(customer);
  }

  @Test
  void theDenyListMatchesKeysWithoutCaseOrSeparators() {
    for (String key : List.of("name", "Name", "first_name", "LAST-NAME", "providerName", "email", "contactEmail", "e_mail_address",
        "phone", "phone_number", "homePhone", "address", "billingAddress", "filename", "notes", "description", "reason")) {
      assertThat(PersonalData.denied(key)).as(key).isTrue();
    }
    for (String key : List.of("customerId", "linkId", "currency", "amount", "timeZone", "payer", "step", "sessionId")) {
      assertThat(PersonalData.denied(key)).as(key).isFalse();
    }
    assertThat(PersonalData.scrub(JsonMapper.builder().build().readTree("{\"a\\u0000\":\"x\\u0000y\"}")).toString()).isEqualTo("{\"a\":\"xy\"}");
  }

  /** The text fields of a record, into nested records and lists of them, as {@code Type.path}. */
  private static void textFields(Class<?> type, String path, Set<String> unjudged) {
    for (RecordComponent c : type.getRecordComponents()) {
      Class<?> raw = c.getType();
      Type generic = c.getGenericType();
      if (raw == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element) {
        raw = element;
      }
      String where = path + "." + c.getName();
      if (raw == String.class && !PersonalData.denied(c.getName()) && !NOT_PERSONAL.contains(c.getName())) {
        unjudged.add(where);
      } else if (raw.isRecord()) {
        textFields(raw, where, unjudged);
      } else if (Map.class.isAssignableFrom(raw) && !NOT_PERSONAL_MAPS.contains(c.getName())) {
        unjudged.add(where + " (a map: judge its keys)");
      }
    }
  }
}
