-- Messages are written in the same transaction as their cause (an event's handling), rendered and sent later by the
-- dispatch job. The first table had no writer yet, so it is replaced rather than altered.
DROP TABLE messaging_messages;

CREATE TABLE messaging_messages (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    -- Derived from the cause (e.g. the reminder's offset, the appointment and its time), so a cause handled twice
    -- queues one message.
    idempotency_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    purpose TEXT NOT NULL,
    urgent INTEGER NOT NULL,
    direction TEXT NOT NULL,
    client_id TEXT NULL,
    -- For people who are not clients (staff, website visitors): their contacts travel with the message.
    to_name TEXT NULL,
    to_email TEXT NULL,
    to_mobile TEXT NULL,
    -- Placeholder values from the cause, as JSON.
    data TEXT NOT NULL,
    -- Filled when the message is prepared for its first attempt, so retries send the same words.
    channel TEXT NULL,
    recipient TEXT NULL,
    language TEXT NULL,
    subject TEXT NULL,
    body TEXT NULL,
    status TEXT NOT NULL,
    status_detail TEXT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    attempt_started_at TEXT NULL,
    provider TEXT NULL,
    provider_message_id TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_messaging_messages_key ON messaging_messages (tenant_id, idempotency_key);
CREATE INDEX ix_messaging_messages_created ON messaging_messages (tenant_id, created_at);
CREATE INDEX ix_messaging_messages_client ON messaging_messages (tenant_id, client_id, created_at);
CREATE INDEX ix_messaging_messages_status ON messaging_messages (tenant_id, status, updated_at);
CREATE INDEX ix_messaging_messages_provider_id ON messaging_messages (provider, provider_message_id);

-- Every status a message went through, with the provider's words when it had any.
CREATE TABLE messaging_message_events (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    message_id TEXT NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    detail TEXT NULL,
    at TEXT NOT NULL
);
CREATE INDEX ix_messaging_message_events_message ON messaging_message_events (tenant_id, message_id, at);

-- What the dispatch job has to do and when, across clinics. Not tenant-isolated, like the outbox: the rows hold only
-- ids and times, and each message is read inside its own clinic's transaction.
CREATE TABLE messaging_due (
    message_id TEXT PRIMARY KEY REFERENCES messaging_messages (id) ON DELETE CASCADE,
    tenant_id TEXT NOT NULL,
    due_at TEXT NOT NULL
);
CREATE INDEX ix_messaging_due_at ON messaging_due (due_at);

-- Per-clinic sending rules; no row means the defaults (quiet from 21:00 to 09:00 clinic time).
CREATE TABLE messaging_settings (
    tenant_id TEXT PRIMARY KEY,
    quiet_from_minute INTEGER NOT NULL,
    quiet_until_minute INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
