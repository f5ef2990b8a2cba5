-- Contact consents by channel, as a history: every change is a row with its time and source, and the newest one holds.
CREATE TABLE clients_consent_changes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients_clients (id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
    granted INTEGER NOT NULL,
    source TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX ix_clients_consent_changes_client ON clients_consent_changes (tenant_id, client_id, changed_at);
