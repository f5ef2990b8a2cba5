-- Sign-in links sent by email: clients always sign in this way, staff when the clinic allows it. Only the token's
-- SHA-256 is kept, and a link works once, until it expires.
CREATE TABLE accounts_sign_in_links (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    audience TEXT NOT NULL CHECK (audience IN ('staff', 'client')),
    subject_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
);
CREATE INDEX ix_accounts_sign_in_links_subject ON accounts_sign_in_links (tenant_id, subject_id);

-- A client's portal identity, linked to their record in the Clients module by id.
CREATE TABLE accounts_client_accounts (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    client_id TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (tenant_id, client_id)
);

-- Clients' portal sessions, held on the server like staff sessions.
CREATE TABLE accounts_client_sessions (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    client_account_id TEXT NOT NULL REFERENCES accounts_client_accounts (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT NULL,
    ended_reason TEXT NULL,
    confirmed_at TEXT NULL,
    ip TEXT NULL,
    device TEXT NULL
);
CREATE INDEX ix_accounts_client_sessions_account ON accounts_client_sessions (tenant_id, client_account_id);

-- Browsers each person has signed in from, by the hash of a random device cookie: a sign-in from any other sends an alert.
CREATE TABLE accounts_known_devices (
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    subject_id TEXT NOT NULL,
    device_hash TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, subject_id, device_hash)
);

-- When the session's user last proved who they are, for actions that ask again (role changes, exports).
ALTER TABLE accounts_sessions ADD COLUMN confirmed_at TEXT NULL;

ALTER TABLE accounts_clinic_settings ADD COLUMN staff_sign_in_links INTEGER NOT NULL DEFAULT 0;
