CREATE TABLE sample_notes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    text TEXT NOT NULL,
    deliveries INTEGER NOT NULL DEFAULT 0
);
