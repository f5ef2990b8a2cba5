CREATE TABLE messaging_messages (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    channel text NOT NULL,
    direction text NOT NULL,
    recipient text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_messaging_messages_created ON messaging_messages (tenant_id, created_at);
SELECT clinic_isolate_tenant('messaging_messages');
