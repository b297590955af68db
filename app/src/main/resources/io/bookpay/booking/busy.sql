SELECT provider_id, lower(blocked) AS s, upper(blocked) AS e, CASE WHEN status = 'HELD' THEN hold_expires_at END AS held_until
FROM bookings
WHERE provider_id = ANY(:providers) AND blocked && tstzrange(:from, :to, '[)') AND status IN ('HELD', 'CONFIRMED')
