CREATE TABLE cookies_consents (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    visitor_id text NOT NULL,
    categories text NOT NULL,
    policy_version text NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX ix_cookies_consents_visitor ON cookies_consents (tenant_id, visitor_id, recorded_at);
SELECT clinic_isolate_tenant('cookies_consents');
