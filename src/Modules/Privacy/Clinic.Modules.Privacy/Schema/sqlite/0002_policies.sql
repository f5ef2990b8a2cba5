-- Every published version of the clinic's privacy and cookie policies, kept: a client may ask what they agreed to.
CREATE TABLE privacy_policy_versions (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    material_change INTEGER NOT NULL,
    summary TEXT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    UNIQUE (tenant_id, kind, version)
);
