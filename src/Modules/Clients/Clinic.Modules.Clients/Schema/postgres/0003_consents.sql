-- Contact consents by channel, as a history: every change is a row with its time and source, and the newest one holds.
CREATE TABLE clients_consent_changes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL REFERENCES clients_clients (id),
    channel text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
    granted boolean NOT NULL,
    source text NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX ix_clients_consent_changes_client ON clients_consent_changes (tenant_id, client_id, changed_at);
SELECT clinic_isolate_tenant('clients_consent_changes');
