-- Clients who replied "R" to a reminder and want a call; reception works through the list.
CREATE TABLE messaging_callbacks (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    message_id uuid NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
    requested_at timestamptz NOT NULL,
    done_at timestamptz NULL,
    done_by uuid NULL
);
CREATE INDEX ix_messaging_callbacks_open ON messaging_callbacks (tenant_id, done_at, requested_at);
SELECT clinic_isolate_tenant('messaging_callbacks');

-- Svix message ids of Resend webhooks already handled, so a replay inside the signature's five minutes changes nothing.
CREATE TABLE messaging_webhook_receipts (
    tenant_id uuid NOT NULL,
    webhook_id text NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, webhook_id)
);
SELECT clinic_isolate_tenant('messaging_webhook_receipts');
