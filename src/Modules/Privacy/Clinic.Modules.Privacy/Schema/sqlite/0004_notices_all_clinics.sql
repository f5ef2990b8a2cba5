-- The view through which the notices job sees which clinics it has told; on PostgreSQL it is its only way to see
-- across clinics (the table is isolated by row-level security), so both engines run the same query.
CREATE VIEW privacy_platform_policy_notices_all_clinics AS SELECT tenant_id, version_id, notified_at FROM privacy_platform_policy_notices;
