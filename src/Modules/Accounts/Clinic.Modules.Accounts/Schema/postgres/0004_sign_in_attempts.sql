-- Every sign-in attempt, for lockout: keyed by a SHA-256 of the normalised email, so unknown addresses count too
-- and the table never holds what a stranger typed.
CREATE TABLE accounts_sign_in_attempts (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    email_hash text NOT NULL,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL,
    ip text NULL
);
CREATE INDEX ix_accounts_sign_in_attempts_email ON accounts_sign_in_attempts (tenant_id, email_hash, attempted_at);
SELECT clinic_isolate_tenant('accounts_sign_in_attempts');
