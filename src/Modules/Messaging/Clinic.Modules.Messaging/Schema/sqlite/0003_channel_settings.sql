CREATE TABLE messaging_channel_settings (
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    settings TEXT NOT NULL,
    protected_secret TEXT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
