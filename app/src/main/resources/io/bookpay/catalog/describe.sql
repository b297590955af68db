SELECT s.name AS service_name, s.duration_minutes, s.price_amount, s.currency, s.active, p.name AS provider_name,
  loc.time_zone, loc.name AS location_name, loc.address
FROM services s
LEFT JOIN providers p ON p.id = :providerId::uuid AND p.tenant_id = s.tenant_id
LEFT JOIN LATERAL (SELECT l.time_zone, l.name, l.address FROM provider_services ps
     JOIN provider_locations pl ON pl.provider_id = ps.provider_id
     JOIN locations l ON l.id = pl.location_id AND l.active
   WHERE ps.service_id = s.id AND (:providerId::uuid IS NULL OR ps.provider_id = :providerId::uuid)
   ORDER BY l.id LIMIT 1) loc ON true
WHERE s.tenant_id = :tenantId AND s.id = :serviceId AND s.deleted_at IS NULL
