-- Messages are written in the same transaction as their cause (an event's handling), rendered and sent later by the
-- dispatch job. The first table had no writer yet, so it is replaced rather than altered.
DROP TABLE messaging_messages;

CREATE TABLE messaging_messages (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    -- Derived from the cause (e.g. the reminder's offset, the appointment and its time), so a cause handled twice
    -- queues one message.
    idempotency_key text NOT NULL,
    kind text NOT NULL,
    purpose text NOT NULL,
    urgent boolean NOT NULL,
    direction text NOT NULL,
    client_id uuid NULL,
    -- For people who are not clients (staff, website visitors): their contacts travel with the message.
    to_name text NULL,
    to_email text NULL,
    to_mobile text NULL,
    -- Placeholder values from the cause, as JSON.
    data text NOT NULL,
    -- Filled when the message is prepared for its first attempt, so retries send the same words.
    channel text NULL,
    recipient text NULL,
    language text NULL,
    subject text NULL,
    body text NULL,
    status text NOT NULL,
    status_detail text NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    attempt_started_at timestamptz NULL,
    provider text NULL,
    provider_message_id text NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_messaging_messages_key ON messaging_messages (tenant_id, idempotency_key);
CREATE INDEX ix_messaging_messages_created ON messaging_messages (tenant_id, created_at);
CREATE INDEX ix_messaging_messages_client ON messaging_messages (tenant_id, client_id, created_at);
CREATE INDEX ix_messaging_messages_status ON messaging_messages (tenant_id, status, updated_at);
CREATE INDEX ix_messaging_messages_provider_id ON messaging_messages (provider, provider_message_id);
SELECT clinic_isolate_tenant('messaging_messages');

-- Every status a message went through, with the provider's words when it had any.
CREATE TABLE messaging_message_events (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    message_id uuid NOT NULL REFERENCES messaging_messages (id) ON DELETE CASCADE,
    status text NOT NULL,
    detail text NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_messaging_message_events_message ON messaging_message_events (tenant_id, message_id, at);
SELECT clinic_isolate_tenant('messaging_message_events');

-- What the dispatch job has to do and when, across clinics. Not tenant-isolated, like the outbox: the rows hold only
-- ids and times, and each message is read inside its own clinic's transaction.
CREATE TABLE messaging_due (
    message_id uuid PRIMARY KEY REFERENCES messaging_messages (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL,
    due_at timestamptz NOT NULL
);
CREATE INDEX ix_messaging_due_at ON messaging_due (due_at);

-- Per-clinic sending rules; no row means the defaults (quiet from 21:00 to 09:00 clinic time).
CREATE TABLE messaging_settings (
    tenant_id uuid PRIMARY KEY,
    quiet_from_minute integer NOT NULL,
    quiet_until_minute integer NOT NULL,
    updated_at timestamptz NOT NULL
);
SELECT clinic_isolate_tenant('messaging_settings');
