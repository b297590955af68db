INSERT INTO outbox (event_id, tenant_id, aggregate_type, aggregate_id, event_type, topic, envelope, occurred_at)
SELECT e.event_id, e.tenant_id, e.aggregate_type, e.aggregate_id, e.event_type, e.topic, e.body::json, e.occurred_at
FROM unnest(:eventIds::uuid[], :tenantIds::uuid[], :aggregateTypes::text[], :aggregateIds::uuid[],
            :types::text[], :topics::text[], :bodies::text[], :occurredAt::timestamptz[])
     WITH ORDINALITY AS e(event_id, tenant_id, aggregate_type, aggregate_id, event_type, topic, body, occurred_at, n)
ORDER BY e.n
