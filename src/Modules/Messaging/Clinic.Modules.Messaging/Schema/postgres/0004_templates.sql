-- A clinic's own words for a message type, replacing the built-in template for one channel group and language. No
-- row means the built-in text; restoring it deletes the row.
CREATE TABLE messaging_templates (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    -- 'email', or 'text' for the one body shared by SMS and WhatsApp.
    channel_group text NOT NULL CHECK (channel_group IN ('email', 'text')),
    language text NOT NULL CHECK (language IN ('en', 'ur')),
    -- Email only; texts have no subject.
    subject text NULL,
    body text NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by uuid NULL
);
CREATE UNIQUE INDEX ux_messaging_templates ON messaging_templates (tenant_id, kind, channel_group, language);
SELECT clinic_isolate_tenant('messaging_templates');
