-- Every sign-in attempt, for lockout: keyed by a SHA-256 of the normalised email, so unknown addresses count too
-- and the table never holds what a stranger typed.
CREATE TABLE accounts_sign_in_attempts (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    email_hash TEXT NOT NULL,
    succeeded INTEGER NOT NULL,
    attempted_at TEXT NOT NULL,
    ip TEXT NULL
);
CREATE INDEX ix_accounts_sign_in_attempts_email ON accounts_sign_in_attempts (tenant_id, email_hash, attempted_at);
