package io.bookpay.booking;

import io.swagger.v3.oas.annotations.media.Schema;

/** The person a booking is for, as the booker gave them (not as the customer record says now). */
@Schema(description = "The person the booking is for, as the booker gave them when booking; any may be null")
public record Attendee(String name, String email, String phone) {}
