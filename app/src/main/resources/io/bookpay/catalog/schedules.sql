SELECT p.id AS provider_id,
  coalesce((SELECT json_agg(json_build_object('l', w.location_id, 'z', l.time_zone, 'd', w.weekday,
                                              's', w.start_time, 'e', w.end_time))
            FROM working_hours w JOIN locations l ON l.id = w.location_id AND l.active
            JOIN provider_locations pl ON pl.provider_id = w.provider_id AND pl.location_id = w.location_id
            WHERE w.provider_id = p.id), '[]')::text AS windows,
  coalesce((SELECT json_agg(json_build_object('s', lower(t.period), 'e', upper(t.period)))
            FROM time_off t WHERE t.provider_id = p.id AND t.period && tstzrange(:from, :to, '[)')), '[]')::text AS time_off
FROM provider_services ps
JOIN providers p ON p.id = ps.provider_id AND p.active
WHERE ps.service_id = :serviceId AND p.tenant_id = :tenantId
  AND (:providerId::uuid IS NULL OR p.id = :providerId::uuid)
ORDER BY p.id
