-- The client profile beyond name and contact details (issue 4). Phones are stored in E.164.
ALTER TABLE clients_clients ADD COLUMN preferred_name TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN gender TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN address TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_name TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_phone TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_relationship TEXT NULL;
-- Required by the app when the client is under 18.
ALTER TABLE clients_clients ADD COLUMN guardian_name TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_relationship TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_phone TEXT NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_email TEXT NULL;
-- Non-clinical notes only: anything clinical belongs in the chart.
ALTER TABLE clients_clients ADD COLUMN notes TEXT NULL;

CREATE TABLE clients_client_tags (
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients_clients (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (tenant_id, client_id, tag)
);
CREATE INDEX ix_clients_client_tags_tag ON clients_client_tags (tenant_id, tag);
