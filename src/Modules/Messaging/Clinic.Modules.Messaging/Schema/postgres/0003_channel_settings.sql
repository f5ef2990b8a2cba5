CREATE TABLE messaging_channel_settings (
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    provider text NOT NULL,
    settings text NOT NULL,
    protected_secret text NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
SELECT clinic_isolate_tenant('messaging_channel_settings');
