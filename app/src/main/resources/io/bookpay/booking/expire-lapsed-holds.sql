UPDATE bookings SET status = 'EXPIRED', version = version + 1, updated_at = :now
WHERE provider_id = :providerId AND status = 'HELD' AND hold_expires_at <= :now
  AND blocked && tstzrange(:blockedStart, :blockedEnd, '[)')
RETURNING id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at, hold_expires_at,
    price_amount, currency, notes, version, created_at, updated_at, attendee_name, attendee_email, attendee_phone,
    attendee_verified
