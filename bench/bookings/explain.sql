-- The plans of the booking hot path, on the benchmark's data. Run with psql against the bench database.
SET search_path = bookpay;
\echo '--- scans on bookings during the run (statistics were reset before it)'
SELECT seq_scan, idx_scan, n_live_tup FROM pg_stat_user_tables WHERE relname = 'bookings';
ANALYZE bookings;
SELECT provider_id AS provider FROM bookings ORDER BY id LIMIT 1 \gset
\echo '--- availability: busy ranges of a provider for a day (BookingRepository.busy)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT provider_id, lower(blocked), upper(blocked) FROM bookings
WHERE provider_id = ANY(ARRAY[:'provider'::uuid])
  AND blocked && tstzrange(now() + interval '5 days', now() + interval '6 days', '[)')
  AND (status = 'CONFIRMED' OR (status = 'HELD' AND hold_expires_at > now()));
\echo '--- insert path: lapsed holds in the way (BookingRepository.expireLapsedHolds), rolled back'
BEGIN;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
UPDATE bookings SET status = 'EXPIRED' WHERE provider_id = :'provider'
  AND status = 'HELD' AND hold_expires_at <= now()
  AND blocked && tstzrange(now() + interval '5 days', now() + interval '5 days 1 hour', '[)');
ROLLBACK;
\echo '--- insert: the exclusion constraint checks each new row through its gist index'
SELECT indexrelid::regclass AS index, indisexclusion FROM pg_index WHERE indrelid = 'bookings'::regclass;
