-- A CSV import between its preview and its commit. The file is kept here, not in the browser,
-- so the committed rows are exactly the previewed ones; rows older than the import's time limit are deleted.
CREATE TABLE clients_imports (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    staged_by TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_clients_imports_created ON clients_imports (tenant_id, created_at);
