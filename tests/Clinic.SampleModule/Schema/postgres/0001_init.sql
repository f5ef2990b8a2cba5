CREATE TABLE sample_notes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    text text NOT NULL,
    deliveries integer NOT NULL DEFAULT 0
);
SELECT clinic_isolate_tenant('sample_notes');
