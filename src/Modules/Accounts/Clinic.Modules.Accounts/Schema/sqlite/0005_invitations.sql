-- Invitations to join the clinic's staff: the link's token is stored only as its SHA-256 and works once.
CREATE TABLE accounts_invitations (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT NULL
);
CREATE INDEX ix_accounts_invitations_email ON accounts_invitations (tenant_id, email);
