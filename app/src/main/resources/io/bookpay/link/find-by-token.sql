SELECT id, tenant_id, service_id, provider_id, customer_id, prefill_name, prefill_email, prefill_phone, valid_from, expires_at,
    max_uses, uses, revoked_at, created_at
FROM links WHERE token_hash = :hash
