-- The client profile beyond name and contact details (issue 4). Phones are stored in E.164.
ALTER TABLE clients_clients ADD COLUMN preferred_name text NULL;
ALTER TABLE clients_clients ADD COLUMN gender text NULL;
ALTER TABLE clients_clients ADD COLUMN address text NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_name text NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_phone text NULL;
ALTER TABLE clients_clients ADD COLUMN emergency_contact_relationship text NULL;
-- Required by the app when the client is under 18.
ALTER TABLE clients_clients ADD COLUMN guardian_name text NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_relationship text NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_phone text NULL;
ALTER TABLE clients_clients ADD COLUMN guardian_email text NULL;
-- Non-clinical notes only: anything clinical belongs in the chart.
ALTER TABLE clients_clients ADD COLUMN notes text NULL;

CREATE TABLE clients_client_tags (
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL REFERENCES clients_clients (id),
    tag text NOT NULL,
    PRIMARY KEY (tenant_id, client_id, tag)
);
CREATE INDEX ix_clients_client_tags_tag ON clients_client_tags (tenant_id, tag);
SELECT clinic_isolate_tenant('clients_client_tags');
