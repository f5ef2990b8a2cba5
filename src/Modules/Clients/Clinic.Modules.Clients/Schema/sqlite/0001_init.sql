CREATE TABLE clients_clients (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT NULL,
    email TEXT NULL,
    date_of_birth TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_clients_clients_name ON clients_clients (tenant_id, last_name, first_name);
