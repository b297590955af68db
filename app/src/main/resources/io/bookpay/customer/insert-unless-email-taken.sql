INSERT INTO customers (id, tenant_id, name, email, phone, version, created_at, updated_at, created_by)
VALUES (:id, :tenantId, :name, :email, :phone, 0, :createdAt, :createdAt, :createdBy)
ON CONFLICT (tenant_id, lower(email)) WHERE deleted_at IS NULL DO NOTHING
