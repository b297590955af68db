package io.bookpay.events;

import io.bookpay.events.booking.BookingCancelled;
import io.bookpay.events.booking.BookingCompleted;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingHeld;
import io.bookpay.events.booking.BookingHoldExpired;
import io.bookpay.events.booking.BookingNoShow;
import io.bookpay.events.booking.BookingRescheduled;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.events.link.LinkCreated;
import io.bookpay.events.link.LinkRevoked;
import io.bookpay.events.link.LinkUsed;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.link.LinkSlotsSearched;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.bookpay.events.customer.CustomerDeleted;
import io.bookpay.events.claim.ClaimCreated;
import io.bookpay.events.claim.ClaimSubmitted;
import io.bookpay.events.claim.ClaimStatusChanged;
import io.bookpay.events.claim.ClaimApproved;
import io.bookpay.events.claim.ClaimRejected;
import io.bookpay.events.claim.ClaimDocumentAdded;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.InvoiceVoided;
import io.bookpay.events.money.InvoicePaid;
import io.bookpay.events.money.PaymentAllocated;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundAllocated;
import io.bookpay.events.money.DisputeClosed;
import io.bookpay.events.money.DisputeOpened;
import io.bookpay.events.money.PaymentFailed;
import io.bookpay.events.money.PaymentCanceled;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.events.money.RefundFailed;
import io.bookpay.events.money.CouponRedeemed;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.PackagePurchased;
import io.bookpay.events.money.PackageSessionRedeemed;
import io.bookpay.events.money.MembershipStarted;
import io.bookpay.events.money.MembershipEnded;
import io.bookpay.events.money.GiftCardReversed;
import io.bookpay.events.money.GiftCardReversalUndone;
import io.bookpay.events.money.PackageSessionsReversed;
import io.bookpay.events.money.PackageSessionsRestored;
import io.bookpay.events.money.MembershipShortened;
import io.bookpay.events.money.MembershipRestored;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.PaymentCapturedAfterCancel;
import io.bookpay.events.money.CapturedAfterCancelRefunded;
import io.bookpay.events.money.CapturedAfterCancelRefundFailed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of known event records, looked up by wire name. */
public final class EventTypes {

  /** Every event record Bookpay publishes. A round-trip test walks this list. */
  public static final List<Class<? extends DomainEvent>> ALL =
      List.of(
          CustomerRegistered.class,
          CustomerDeleted.class,
          BookingHeld.class,
          BookingConfirmed.class,
          BookingCancelled.class,
          BookingCompleted.class,
          BookingNoShow.class,
          BookingRescheduled.class,
          BookingHoldExpired.class,
          LinkCreated.class,
          LinkRevoked.class,
          LinkViewed.class,
          LinkUsed.class,
          InvoiceIssued.class,
          InvoiceVoided.class,
          InvoicePaid.class,
          PaymentSucceeded.class,
          PaymentFailed.class,
          PaymentCanceled.class,
          RefundSucceeded.class,
          RefundFailed.class,
          CouponRedeemed.class,
          GiftCardIssued.class,
          GiftCardRedeemed.class,
          PackagePurchased.class,
          PackageSessionRedeemed.class,
          MembershipStarted.class,
          MembershipEnded.class,
          GiftCardReversed.class,
          GiftCardReversalUndone.class,
          PackageSessionsReversed.class,
          PackageSessionsRestored.class,
          MembershipShortened.class,
          MembershipRestored.class,
          ClaimCreated.class,
          ClaimSubmitted.class,
          ClaimStatusChanged.class,
          ClaimApproved.class,
          ClaimRejected.class,
          ClaimDocumentAdded.class,
          LinkSlotsSearched.class,
          TenantProfileChanged.class,
          ServiceChanged.class,
          ProviderChanged.class,
          LocationChanged.class,
          CustomEventRecorded.class,
          GiftCardAdjusted.class,
          GiftCardRefunded.class,
          PaymentCapturedAfterCancel.class,
          CapturedAfterCancelRefunded.class,
          CapturedAfterCancelRefundFailed.class,
          PaymentAllocated.class,
          RefundAllocated.class,
          DisputeOpened.class,
          DisputeClosed.class);

  private static final Map<String, Class<? extends DomainEvent>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(EventTypes::nameOf, Function.identity()));

  private EventTypes() {}

  public static String nameOf(Class<?> eventClass) {
    return annotationOf(eventClass).value();
  }

  public static int schemaVersionOf(Class<?> eventClass) {
    return annotationOf(eventClass).schemaVersion();
  }

  /** The record for a wire name, or empty for a type this catalogue does not know (yet). */
  public static Optional<Class<? extends DomainEvent>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static EventType annotationOf(Class<?> eventClass) {
    EventType annotation = eventClass.getAnnotation(EventType.class);
    if (annotation == null) {
      throw new IllegalStateException(eventClass.getName() + " lacks @EventType");
    }
    return annotation;
  }
}
