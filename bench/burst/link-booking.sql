WITH registered_customer AS (
  INSERT INTO customers (id, tenant_id, name, email, phone, version, created_at, updated_at, created_by)
  VALUES (:customerId, :customerTenantId, :customerName, :customerEmail, :customerPhone, 0, :customerAt, :customerAt,
      :customerCreatedBy)
  ON CONFLICT (tenant_id, lower(email)) WHERE deleted_at IS NULL DO NOTHING
  RETURNING id
), found_customer AS (
  SELECT id FROM customers
  WHERE tenant_id = :customerTenantId AND lower(email) = lower(:customerEmail) AND deleted_at IS NULL
), chosen_customer AS (
  SELECT id, true AS registered FROM registered_customer
  UNION ALL
  SELECT id, false AS registered FROM found_customer
  LIMIT 1
),
used_link AS (
UPDATE links SET uses = uses + 1, updated_at = :now, version = version + 1
WHERE id = :linkId AND revoked_at IS NULL
  AND (max_uses IS NULL OR uses < max_uses)
  AND (expires_at IS NULL OR expires_at > :now)
  AND (valid_from IS NULL OR valid_from <= :now)
RETURNING uses, max_uses, token_hash
),
booked AS (
  INSERT INTO bookings (id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at,
      blocked, hold_expires_at, price_amount, currency, notes, version, created_at, updated_at, created_by, updated_by,
      attendee_name, attendee_email, attendee_phone, attendee_verified)
  SELECT :id, :tenantId, :serviceId, :providerId, :locationId, c.id, :status, :start, :end,
      tstzrange(:blockedStart, :blockedEnd, '[)'), :holdExpiresAt, :price, :currency, :notes, 0, :at, :at, :actor, :actor,
      :attendeeName, :attendeeEmail, :attendeePhone, :trusted OR c.registered
  FROM chosen_customer c CROSS JOIN (SELECT 1 FROM used_link LIMIT 1) w
  RETURNING tenant_id, id, status
), booked_history AS (
  INSERT INTO booking_status_history (tenant_id, booking_id, from_status, to_status, actor, reason, at)
  SELECT tenant_id, id, NULL, status, :historyActor, NULL, :at FROM booked
)
SELECT c.id AS chosen_customer_id, c.registered AS chosen_customer_registered, EXISTS (SELECT 1 FROM booked) AS booked,
    w.found IS NOT NULL AS with_found, w.*
FROM (SELECT 1) AS one
LEFT JOIN chosen_customer c ON true
LEFT JOIN (SELECT true AS found, x.* FROM used_link x) w ON true
