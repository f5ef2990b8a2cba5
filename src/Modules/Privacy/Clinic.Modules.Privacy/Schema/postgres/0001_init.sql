CREATE TABLE privacy_requests (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    received_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL
);
CREATE INDEX ix_privacy_requests_due ON privacy_requests (tenant_id, due_at);
SELECT clinic_isolate_tenant('privacy_requests');
