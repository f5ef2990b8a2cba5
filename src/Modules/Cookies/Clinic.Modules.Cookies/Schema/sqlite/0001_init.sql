CREATE TABLE cookies_consents (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    categories TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX ix_cookies_consents_visitor ON cookies_consents (tenant_id, visitor_id, recorded_at);
