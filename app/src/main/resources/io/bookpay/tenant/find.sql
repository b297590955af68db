SELECT id, name, time_zone, version, created_at, updated_at, display_name, brand_color, logo_url, contact_email, contact_phone, address
FROM tenants WHERE id = :id
