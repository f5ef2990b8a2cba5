-- A CSV import between its preview and its commit. The file is kept here, not in the browser,
-- so the committed rows are exactly the previewed ones; rows older than the import's time limit are deleted.
CREATE TABLE clients_imports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    staged_by uuid NOT NULL,
    content text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_clients_imports_created ON clients_imports (tenant_id, created_at);
SELECT clinic_isolate_tenant('clients_imports');
