package io.bookpay.catalog;

/**
 * What a public page shows of a service and (optional) provider, with the time zone to show times
 * in: the provider's location's, or for "any provider" that of a location where the service is
 * offered; {@code locationName} and {@code address} are that location's (any may be null).
 */
public record PublicDescription(String serviceName, int durationMinutes, long priceAmount, String currency, boolean active,
    String providerName, String timeZone, String locationName, String address) {}
