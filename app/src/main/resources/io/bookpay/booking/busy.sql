SELECT provider_id, lower(blocked) AS s, upper(blocked) AS e FROM bookings
WHERE provider_id = ANY(:providers) AND blocked && tstzrange(:from, :to, '[)')
  AND (status = 'CONFIRMED' OR (status = 'HELD' AND hold_expires_at > :now))
