-- Sign-in links sent by email: clients always sign in this way, staff when the clinic allows it. Only the token's
-- SHA-256 is kept, and a link works once, until it expires.
CREATE TABLE accounts_sign_in_links (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    audience text NOT NULL CHECK (audience IN ('staff', 'client')),
    subject_id uuid NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz NULL
);
CREATE INDEX ix_accounts_sign_in_links_subject ON accounts_sign_in_links (tenant_id, subject_id);
SELECT clinic_isolate_tenant('accounts_sign_in_links');

-- A client's portal identity, linked to their record in the Clients module by id.
CREATE TABLE accounts_client_accounts (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    client_id uuid NOT NULL,
    email text NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (tenant_id, client_id)
);
SELECT clinic_isolate_tenant('accounts_client_accounts');

-- Clients' portal sessions, held on the server like staff sessions.
CREATE TABLE accounts_client_sessions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    client_account_id uuid NOT NULL REFERENCES accounts_client_accounts (id),
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz NULL,
    ended_reason text NULL,
    confirmed_at timestamptz NULL,
    ip text NULL,
    device text NULL
);
CREATE INDEX ix_accounts_client_sessions_account ON accounts_client_sessions (tenant_id, client_account_id);
SELECT clinic_isolate_tenant('accounts_client_sessions');

-- Browsers each person has signed in from, by the hash of a random device cookie: a sign-in from any other sends an alert.
CREATE TABLE accounts_known_devices (
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    subject_id uuid NOT NULL,
    device_hash text NOT NULL,
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, subject_id, device_hash)
);
SELECT clinic_isolate_tenant('accounts_known_devices');

-- When the session's user last proved who they are, for actions that ask again (role changes, exports).
ALTER TABLE accounts_sessions ADD COLUMN confirmed_at timestamptz NULL;

ALTER TABLE accounts_clinic_settings ADD COLUMN staff_sign_in_links boolean NOT NULL DEFAULT FALSE;
