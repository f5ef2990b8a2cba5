CREATE TABLE billing_invoices (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    number TEXT NOT NULL,
    total TEXT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    UNIQUE (tenant_id, number)
);
