WITH booked AS (
INSERT INTO bookings (id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at,
    blocked, hold_expires_at, price_amount, currency, notes, version, created_at, updated_at, created_by, updated_by,
    attendee_name, attendee_email, attendee_phone, attendee_verified)
VALUES (:id, :tenantId, :serviceId, :providerId, :locationId, :customerId, :status, :start, :end,
    tstzrange(:blockedStart, :blockedEnd, '[)'), :holdExpiresAt, :price, :currency, :notes, 0, :at, :at, :actor, :actor,
    :attendeeName, :attendeeEmail, :attendeePhone, :attendeeVerified)
RETURNING tenant_id, id, status
)
INSERT INTO booking_status_history (tenant_id, booking_id, from_status, to_status, actor, reason, at)
SELECT tenant_id, id, NULL, status, :historyActor, NULL, :at FROM booked
