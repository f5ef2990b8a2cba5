CREATE TABLE charting_notes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    author_id uuid NOT NULL,
    summary text NOT NULL,
    written_at timestamptz NOT NULL
);
CREATE INDEX ix_charting_notes_client ON charting_notes (tenant_id, client_id, written_at);
SELECT clinic_isolate_tenant('charting_notes');
