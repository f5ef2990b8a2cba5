-- Tenants are the platform's directory of clinics, read before any tenant is known: no row-level security.
CREATE TABLE accounts_tenants (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    time_zone text NOT NULL,
    currency char(3) NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE accounts_tenant_hosts (
    host text PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id)
);

CREATE TABLE accounts_staff (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    email text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    password_hash text NULL,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    UNIQUE (tenant_id, email)
);
SELECT clinic_isolate_tenant('accounts_staff');

CREATE TABLE accounts_setup_tokens (
    token_hash text PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    expires_at timestamptz NOT NULL,
    used_at timestamptz NULL
);
SELECT clinic_isolate_tenant('accounts_setup_tokens');
