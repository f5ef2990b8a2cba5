-- In the SaaS edition the operator publishes the default policies every clinic shows until it publishes its own.
-- They belong to no clinic, so they have no tenant_id.
CREATE TABLE privacy_platform_policy_versions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    material_change INTEGER NOT NULL,
    summary TEXT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    UNIQUE (kind, version)
);

-- Which clinic's owners have been told of which material platform change: each clinic is told once, in the
-- transaction that queues its email.
CREATE TABLE privacy_platform_policy_notices (
    tenant_id TEXT NOT NULL,
    version_id TEXT NOT NULL REFERENCES privacy_platform_policy_versions (id),
    notified_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, version_id)
);
