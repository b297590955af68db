INSERT INTO booking_status_history (tenant_id, booking_id, from_status, to_status, actor, reason, at)
SELECT t.tenant_id, t.booking_id, :from, t.to_status, :actor, :reason, :at
FROM unnest(:tenantIds::uuid[], :bookingIds::uuid[], :toStatuses::text[]) AS t(tenant_id, booking_id, to_status)
