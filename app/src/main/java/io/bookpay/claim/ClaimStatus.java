package io.bookpay.claim;

import java.util.EnumSet;
import java.util.Set;

/**
 * The claim lifecycle, exactly: DRAFT → SUBMITTED → UNDER_REVIEW → APPROVED | REJECTED |
 * ADDITIONAL_INFO_REQUIRED, and ADDITIONAL_INFO_REQUIRED → UNDER_REVIEW when the information arrives.
 */
public enum ClaimStatus {
  DRAFT, SUBMITTED, UNDER_REVIEW, APPROVED, REJECTED, ADDITIONAL_INFO_REQUIRED;

  Set<ClaimStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(SUBMITTED);
      case SUBMITTED -> EnumSet.of(UNDER_REVIEW);
      case UNDER_REVIEW -> EnumSet.of(APPROVED, REJECTED, ADDITIONAL_INFO_REQUIRED);
      case ADDITIONAL_INFO_REQUIRED -> EnumSet.of(UNDER_REVIEW);
      case APPROVED, REJECTED -> EnumSet.noneOf(ClaimStatus.class);
    };
  }

  boolean canMoveTo(ClaimStatus target) {
    return next().contains(target);
  }

  /** Items and notes may change only while the claim is with the clinic. */
  boolean editable() {
    return this == DRAFT || this == ADDITIONAL_INFO_REQUIRED;
  }
}
