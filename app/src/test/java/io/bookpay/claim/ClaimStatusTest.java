package io.bookpay.claim;

import static io.bookpay.claim.ClaimStatus.ADDITIONAL_INFO_REQUIRED;
import static io.bookpay.claim.ClaimStatus.APPROVED;
import static io.bookpay.claim.ClaimStatus.DRAFT;
import static io.bookpay.claim.ClaimStatus.REJECTED;
import static io.bookpay.claim.ClaimStatus.SUBMITTED;
import static io.bookpay.claim.ClaimStatus.UNDER_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.StatusTable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claim lifecycle as a table: every (from, to) pair, the allowed ones listed here exactly, every other refused. */
class ClaimStatusTest {

  /** The lifecycle of ClaimStatus's comment: the only steps there are. */
  private static final Map<ClaimStatus, Set<ClaimStatus>> ALLOWED = Map.of(
      DRAFT, EnumSet.of(SUBMITTED),
      SUBMITTED, EnumSet.of(UNDER_REVIEW),
      UNDER_REVIEW, EnumSet.of(APPROVED, REJECTED, ADDITIONAL_INFO_REQUIRED),
      ADDITIONAL_INFO_REQUIRED, EnumSet.of(UNDER_REVIEW),
      APPROVED, EnumSet.noneOf(ClaimStatus.class),
      REJECTED, EnumSet.noneOf(ClaimStatus.class));

  @Test
  void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
    StatusTable.holds(ClaimStatus.class, ALLOWED, ClaimStatus::canMoveTo, ClaimStatus::next);
  }

  @Test
  void aClaimCannotGoBackToDraftOrSkipReview() {
    for (ClaimStatus status : ClaimStatus.values()) {
      assertThat(status.canMoveTo(DRAFT)).as(status + " -> DRAFT").isFalse();
    }
    assertThat(EnumSet.allOf(ClaimStatus.class).stream().filter(s -> s.canMoveTo(APPROVED) || s.canMoveTo(REJECTED)).toList())
        .as("the only way to a decision").isEqualTo(List.of(UNDER_REVIEW));
  }

  @Test
  void onlyDraftAndAdditionalInfoRequiredClaimsAreEditable() {
    assertThat(EnumSet.allOf(ClaimStatus.class).stream().filter(ClaimStatus::editable).toList())
        .isEqualTo(List.of(DRAFT, ADDITIONAL_INFO_REQUIRED));
  }
}
