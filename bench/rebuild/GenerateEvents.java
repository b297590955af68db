import io.bookpay.events.CloudEventHeaders;
import io.bookpay.events.DomainEvent;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.money.InvoiceEvent.InvoiceFacts;
import io.bookpay.events.money.InvoiceEvent.LineFacts;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.events.tenant.TenantProfileChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Writes N valid event envelopes straight to Bookpay's topics, as the relay would (key = aggregate
 * id, CloudEvents headers, idempotent producer, acks=all), for a few hundred tenants: each tenant's
 * profile and catalog, then booking journeys over the past year, published in the order they
 * happened (as the relay would), each a mix of link views and
 * slot searches, a booking through its statuses, an invoice with payment and now and then a
 * refund, an insurance claim, custom events. Prints the count per type and the average envelope size.
 *
 * <pre>java -cp CLASSPATH GenerateEvents.java BOOTSTRAP PREFIX EVENTS TENANTS</pre>
 */
public final class GenerateEvents {

  private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "UTC", "Asia/Tokyo", "America/Los_Angeles"};
  private static final String[] METHODS = {"CARD", "CARD", "CARD", "CASH", "EXTERNAL", "INSURANCE"};

  private record Tenant(UUID id, String currency, UUID location, List<UUID> providers, List<UUID> services, List<UUID> links) {}

  private final SplittableRandom random = new SplittableRandom(42);
  private final EventCodec codec = new EventCodec();
  private final KafkaProducer<String, byte[]> producer;
  private final String prefix;
  private final Map<String, AtomicLong> perType = new java.util.TreeMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long count;
  private long bytes;

  GenerateEvents(String bootstrap, String prefix) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.prefix = prefix;
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String prefix = args[1];
    long events = Long.parseLong(args[2]);
    int tenants = Integer.parseInt(args[3]);
    long started = System.nanoTime();
    GenerateEvents generator = new GenerateEvents(bootstrap, prefix);
    generator.run(events, tenants);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("generated %d events in %.1f s (%.0f/s), average envelope %d bytes, %.1f MB in all%n", generator.count, seconds,
        generator.count / seconds, generator.bytes / Math.max(1, generator.count), generator.bytes / 1e6);
    generator.perType.forEach((type, n) -> System.out.printf("  %-22s %8d%n", type, n.get()));
  }

  void run(long target, int tenantCount) throws Exception {
    Instant yearAgo = Instant.now().minus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    List<Tenant> tenants = new ArrayList<>();
    for (int t = 0; t < tenantCount; t++) {
      tenants.add(tenant(yearAgo));
    }
    // Journeys start one after the other over the year (about ten events each), and events go out in
    // the order they happened, as the relay publishes them: a batch of the replay covers a short time.
    long meanGap = Duration.ofDays(364).toSeconds() * 10 / Math.max(1, target);
    Instant at = yearAgo.plus(1, ChronoUnit.DAYS);
    while (count + pending.size() < target) {
      at = at.plusSeconds(random.nextLong(2 * meanGap + 1));
      journey(tenants.get(random.nextInt(tenants.size())), at);
      while (!pending.isEmpty() && !pending.peek().occurredAt().isAfter(at)) {
        publish(pending.poll());
      }
      if (failure.get() != null) {
        throw failure.get();
      }
    }
    while (!pending.isEmpty()) {
      publish(pending.poll());
    }
    producer.flush();
    producer.close();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private Tenant tenant(Instant at) {
    UUID id = v7(at);
    String currency = random.nextInt(4) == 0 ? "USD" : "EUR";
    UUID location = v7(at);
    List<UUID> providers = new ArrayList<>();
    List<UUID> services = new ArrayList<>();
    List<UUID> links = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      services.add(v7(at));
      providers.add(v7(at));
    }
    for (int i = 0; i < 10; i++) {
      links.add(v7(at));
    }
    send(id, at, new TenantProfileChanged(id, "Clinic " + id.toString().substring(0, 8), ZONES[random.nextInt(ZONES.length)], 1));
    send(id, at, new LocationChanged(location, "Main street", "Europe/Berlin", true, 1));
    for (UUID service : services) {
      send(id, at, new ServiceChanged(service, "Service " + service.toString().substring(0, 4), 30 + 15 * random.nextInt(4),
          5000 + 500L * random.nextInt(20), currency, true, false, 1));
    }
    for (UUID provider : providers) {
      List<ProviderChanged.Hours> hours = new ArrayList<>();
      for (int day = 1; day <= 5; day++) {
        hours.add(new ProviderChanged.Hours(location, day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
      }
      send(id, at, new ProviderChanged(provider, "Dr " + provider.toString().substring(0, 4), true, List.of(location), services, hours, 1));
    }
    return new Tenant(id, currency, location, providers, services, links);
  }

  /** One client's way through: about ten events. */
  private void journey(Tenant t, Instant at) {
    UUID customer = v7(at);
    UUID link = t.links().get(random.nextInt(t.links().size()));
    boolean viaLink = random.nextInt(2) == 0;
    if (random.nextInt(3) == 0) {
      send(t.id(), at, new CustomerRegistered(customer, "Client " + customer.toString().substring(0, 6), "c@example.com", "+4930123456"));
    }
    if (viaLink) {
      send(t.id(), at, new LinkViewed(link, 1 + random.nextInt(5), at.minusSeconds(60), at));
      send(t.id(), at.plusSeconds(20), new LinkSlotsSearched(link, 1 + random.nextInt(3), at, at.plusSeconds(20)));
    }
    UUID booking = v7(at);
    Instant start = at.plus(1 + random.nextInt(14), ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    BookingFacts facts = new BookingFacts(booking, t.providers().get(random.nextInt(t.providers().size())),
        t.services().get(random.nextInt(t.services().size())), customer, t.location(), start, start.plus(45, ChronoUnit.MINUTES),
        5000 + 500L * random.nextInt(20), t.currency());
    Instant held = at.plusSeconds(30);
    send(t.id(), held, new BookingHeld(facts, held.plus(10, ChronoUnit.MINUTES)));
    if (viaLink) {
      send(t.id(), held, new LinkUsed(link, booking, 1));
    }
    send(t.id(), held.plusSeconds(40), new BookingConfirmed(facts));
    int outcome = random.nextInt(100);
    Instant end = facts.end();
    if (outcome < 15) {
      send(t.id(), held.plus(1, ChronoUnit.DAYS), new BookingCancelled(facts, "changed plans"));
      return;
    }
    if (outcome < 25) {
      send(t.id(), end, new BookingNoShow(facts));
      return;
    }
    if (outcome < 35) {
      Instant moved = start.plus(1, ChronoUnit.DAYS);
      facts = new BookingFacts(booking, facts.providerId(), facts.serviceId(), customer, t.location(), moved, moved.plus(45, ChronoUnit.MINUTES),
          facts.priceAmount(), t.currency());
      send(t.id(), held.plus(2, ChronoUnit.HOURS), new BookingRescheduled(facts, start, start.plus(45, ChronoUnit.MINUTES)));
      end = facts.end();
    }
    send(t.id(), end, new BookingCompleted(facts));
    long price = facts.priceAmount();
    long tax = price / 10;
    UUID invoice = v7(end);
    InvoiceFacts invoiceFacts = new InvoiceFacts(customer, booking, t.currency(), price, 0, tax, price + tax, 0, 0, price + tax,
        end.plus(14, ChronoUnit.DAYS), List.of(new LineFacts("SERVICE", "Appointment", 1, price, price, 0, tax, facts.serviceId())));
    send(t.id(), end, new InvoiceIssued(invoice, invoiceFacts));
    String method = METHODS[random.nextInt(METHODS.length)];
    UUID payment = v7(end);
    send(t.id(), end.plusSeconds(60), new PaymentSucceeded(invoice, payment,
        new MoneyFacts(customer, method, price + tax, t.currency(), List.of("SERVICE"), Map.of("SERVICE", price + tax)), null, "ref-" + payment));
    if (random.nextInt(20) == 0) {
      long refund = (price + tax) / 2;
      send(t.id(), end.plus(2, ChronoUnit.DAYS), new RefundSucceeded(invoice, v7(end), payment,
          new MoneyFacts(customer, method, refund, t.currency(), List.of("SERVICE"), Map.of("SERVICE", refund)), "goodwill"));
    }
    if (random.nextInt(20) == 0) {
      UUID claim = v7(end);
      UUID plan = v7(end);
      send(t.id(), end.plus(1, ChronoUnit.DAYS), new ClaimSubmitted(claim, customer, plan, price, price * 8 / 10, t.currency(), "Acme Health"));
      if (random.nextInt(4) == 0) {
        send(t.id(), end.plus(9, ChronoUnit.DAYS), new ClaimRejected(claim, customer, plan, "not covered", "Acme Health"));
      } else {
        send(t.id(), end.plus(9, ChronoUnit.DAYS), new ClaimApproved(claim, customer, plan, price * 8 / 10, price, t.currency(), "Acme Health"));
      }
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      Instant when = end.plus(i, ChronoUnit.HOURS);
      send(t.id(), when, new CustomEventRecorded(v7(when), "review.left", when, customer, "s-" + booking.toString().substring(0, 8), null,
          JsonNodeFactory.instance.objectNode().put("stars", 1 + random.nextInt(5))));
    }
  }

  /** Events made but not yet due: published once the journeys' clock passes their time. */
  private final java.util.PriorityQueue<EventEnvelope> pending =
      new java.util.PriorityQueue<>(java.util.Comparator.comparing(EventEnvelope::occurredAt).thenComparing(EventEnvelope::eventId));

  private void send(UUID tenant, Instant at, DomainEvent event) {
    pending.add(EventEnvelope.wrap(v7(at), tenant, at, event));
  }

  private void publish(EventEnvelope envelope) {
    byte[] value = codec.encode(envelope);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.withPrefix(prefix, envelope.topic()), envelope.aggregateId().toString(), value);
    CloudEventHeaders.of(envelope).forEach((name, bytes) -> record.headers().add(name, bytes));
    producer.send(record, (meta, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
    count++;
    bytes += value.length;
    perType.computeIfAbsent(envelope.type(), k -> new AtomicLong()).incrementAndGet();
  }

  /** A time-ordered UUID (version 7) of the given time, as the application makes them. */
  private UUID v7(Instant at) {
    long msb = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
