CREATE TABLE charting_notes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    written_at TEXT NOT NULL
);
CREATE INDEX ix_charting_notes_client ON charting_notes (tenant_id, client_id, written_at);
