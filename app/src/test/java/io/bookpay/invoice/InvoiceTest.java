package io.bookpay.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.InvoicePaid;
import io.bookpay.events.money.InvoiceVoided;
import io.bookpay.outbox.Changed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An invoice's status changes return the invoice as they leave it and the event that announces them; no database. */
class InvoiceTest {

  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  static Invoice invoice(InvoiceStatus status, long total, long paid) {
    LineItem line = new LineItem(LineKind.SERVICE, "Facial", 1, total, total, 0, BigDecimal.ZERO, 0, UUID.randomUUID());
    return new Invoice(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, "USD", status, "NONE", null, List.of(line),
        total, 0, 0, total, paid, 0, 0, total - paid, null, 3, CREATED, CREATED, null, null, null, null);
  }

  @Test
  void issuingOpensTheDraftAndAnnouncesItWithItsLines() {
    Invoice draft = invoice(InvoiceStatus.DRAFT, 5_000, 0);
    Changed<Invoice> issued = draft.issue(NOW);
    assertThat(issued.state().status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(issued.state().finalizedAt()).isEqualTo(NOW);
    assertThat(issued.state().version()).isEqualTo(4);
    assertThat(issued.events()).singleElement().isInstanceOfSatisfying(InvoiceIssued.class, e -> {
      assertThat(e.invoiceId()).isEqualTo(draft.id());
      assertThat(e.invoice().total()).isEqualTo(5_000);
      assertThat(e.invoice().lineItems()).singleElement().satisfies(l -> assertThat(l.kind()).isEqualTo("SERVICE"));
    });
  }

  @Test
  void payingAndVoidingAnnounceTheirEvent() {
    Changed<Invoice> paid = invoice(InvoiceStatus.OPEN, 5_000, 5_000).markPaid(NOW);
    assertThat(paid.state().status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.state().paidAt()).isEqualTo(NOW);
    assertThat(paid.events()).singleElement().isInstanceOfSatisfying(InvoicePaid.class,
        e -> assertThat(e.invoice().amountPaid()).isEqualTo(5_000));

    Changed<Invoice> voided = invoice(InvoiceStatus.DRAFT, 5_000, 0).voidFor("entered twice", NOW);
    assertThat(voided.state().status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(voided.state().voidedAt()).isEqualTo(NOW);
    assertThat(voided.events()).singleElement().isInstanceOfSatisfying(InvoiceVoided.class,
        e -> assertThat(e.reason()).isEqualTo("entered twice"));
  }

  @Test
  void aMoveTheLifecycleForbidsIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> invoice(InvoiceStatus.PAID, 5_000, 5_000).voidFor(null, NOW)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> invoice(InvoiceStatus.OPEN, 5_000, 0).issue(NOW)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> invoice(InvoiceStatus.DRAFT, 5_000, 0).markPaid(NOW)).isInstanceOf(IllegalStateException.class);
  }
}
