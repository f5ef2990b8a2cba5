-- Invitations to join the clinic's staff: the link's token is stored only as its SHA-256 and works once.
CREATE TABLE accounts_invitations (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    email text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    invited_by uuid NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz NULL
);
CREATE INDEX ix_accounts_invitations_email ON accounts_invitations (tenant_id, email);
SELECT clinic_isolate_tenant('accounts_invitations');
