-- Every published version of the clinic's privacy and cookie policies, kept: a client may ask what they agreed to.
CREATE TABLE privacy_policy_versions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    version integer NOT NULL,
    body text NOT NULL,
    material_change boolean NOT NULL,
    summary text NULL,
    published_at timestamptz NOT NULL,
    published_by text NOT NULL,
    UNIQUE (tenant_id, kind, version)
);
SELECT clinic_isolate_tenant('privacy_policy_versions');
