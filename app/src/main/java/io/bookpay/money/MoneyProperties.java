package io.bookpay.money;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param membershipSweepInterval how often memberships past their paid end are ended (with MembershipEnded) */
@ConfigurationProperties("bookpay.money")
public record MoneyProperties(@DefaultValue("1m") Duration membershipSweepInterval) {}
