-- In the SaaS edition the operator publishes the default policies every clinic shows until it publishes its own.
-- They belong to no clinic, so they have no tenant_id and no row-level security, like accounts_tenants.
CREATE TABLE privacy_platform_policy_versions (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    version integer NOT NULL,
    body text NOT NULL,
    material_change boolean NOT NULL,
    summary text NULL,
    published_at timestamptz NOT NULL,
    published_by text NOT NULL,
    UNIQUE (kind, version)
);

-- Which clinic's owners have been told of which material platform change: each clinic is told once, in the
-- transaction that queues its email.
CREATE TABLE privacy_platform_policy_notices (
    tenant_id uuid NOT NULL,
    version_id uuid NOT NULL REFERENCES privacy_platform_policy_versions (id),
    notified_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, version_id)
);
SELECT clinic_isolate_tenant('privacy_platform_policy_notices');
