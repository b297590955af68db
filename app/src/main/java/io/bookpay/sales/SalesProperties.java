package io.bookpay.sales;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of what is sold. They keep the prefix {@code bookpay.money} they had before the money
 * package was split, so existing settings ({@code BOOKPAY_MONEY_MEMBERSHIP_SWEEP_INTERVAL}) keep working.
 *
 * @param membershipSweepInterval how often memberships past their paid end are ended (with MembershipEnded)
 */
@ConfigurationProperties("bookpay.money")
public record SalesProperties(@DefaultValue("1m") Duration membershipSweepInterval) {}
