-- Clients who replied "R" to a reminder and want a call; reception works through the list.
CREATE TABLE messaging_callbacks (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
    requested_at TEXT NOT NULL,
    done_at TEXT NULL,
    done_by TEXT NULL
);
CREATE INDEX ix_messaging_callbacks_open ON messaging_callbacks (tenant_id, done_at, requested_at);

-- Svix message ids of Resend webhooks already handled, so a replay inside the signature's five minutes changes nothing.
CREATE TABLE messaging_webhook_receipts (
    tenant_id TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, webhook_id)
);
