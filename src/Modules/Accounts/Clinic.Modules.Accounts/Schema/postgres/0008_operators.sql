-- Operators run the SaaS platform and see no clinic's data. They belong to no clinic, so these are platform tables:
-- no tenant_id and no row-level security, like accounts_tenants.
CREATE TABLE accounts_operators (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL
);

-- Operators' console sessions, held on the server like staff sessions, so signing out ends every copy of the cookie.
CREATE TABLE accounts_operator_sessions (
    id uuid PRIMARY KEY,
    operator_id uuid NOT NULL REFERENCES accounts_operators (id),
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz NULL,
    ended_reason text NULL
);
CREATE INDEX ix_accounts_operator_sessions_operator ON accounts_operator_sessions (operator_id);

-- Operators' sign-in attempts, for the same lockout as staff: keyed by a SHA-256 of the email, never the email.
CREATE TABLE accounts_operator_sign_in_attempts (
    id uuid PRIMARY KEY,
    email_hash text NOT NULL,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL,
    ip text NULL
);
CREATE INDEX ix_accounts_operator_sign_in_attempts_email ON accounts_operator_sign_in_attempts (email_hash, attempted_at);
