CREATE TABLE privacy_requests (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at TEXT NOT NULL,
    due_at TEXT NOT NULL
);
CREATE INDEX ix_privacy_requests_due ON privacy_requests (tenant_id, due_at);
