SELECT id, tenant_id, name, duration_minutes, price_amount, currency, buffer_before_minutes, buffer_after_minutes,
    min_notice_minutes, max_advance_days, slot_interval_minutes, active, version, created_at, updated_at
FROM services WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL
