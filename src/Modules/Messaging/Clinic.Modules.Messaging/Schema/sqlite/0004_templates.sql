-- A clinic's own words for a message type, replacing the built-in template for one channel group and language. No
-- row means the built-in text; restoring it deletes the row.
CREATE TABLE messaging_templates (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- 'email', or 'text' for the one body shared by SMS and WhatsApp.
    channel_group TEXT NOT NULL CHECK (channel_group IN ('email', 'text')),
    language TEXT NOT NULL CHECK (language IN ('en', 'ur')),
    -- Email only; texts have no subject.
    subject TEXT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NULL
);
CREATE UNIQUE INDEX ux_messaging_templates ON messaging_templates (tenant_id, kind, channel_group, language);
