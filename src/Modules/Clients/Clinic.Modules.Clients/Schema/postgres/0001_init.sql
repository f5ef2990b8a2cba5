CREATE TABLE clients_clients (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    phone text NULL,
    email text NULL,
    date_of_birth date NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_clients_clients_name ON clients_clients (tenant_id, last_name, first_name);
SELECT clinic_isolate_tenant('clients_clients');
