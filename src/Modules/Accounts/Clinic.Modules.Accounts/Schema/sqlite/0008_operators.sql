-- Operators run the SaaS platform and see no clinic's data. They belong to no clinic, so these are platform tables
-- with no tenant_id, like accounts_tenants.
CREATE TABLE accounts_operators (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Operators' console sessions, held on the server like staff sessions, so signing out ends every copy of the cookie.
CREATE TABLE accounts_operator_sessions (
    id TEXT PRIMARY KEY,
    operator_id TEXT NOT NULL REFERENCES accounts_operators (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT NULL,
    ended_reason TEXT NULL
);
CREATE INDEX ix_accounts_operator_sessions_operator ON accounts_operator_sessions (operator_id);

-- Operators' sign-in attempts, for the same lockout as staff: keyed by a SHA-256 of the email, never the email.
CREATE TABLE accounts_operator_sign_in_attempts (
    id TEXT PRIMARY KEY,
    email_hash TEXT NOT NULL,
    succeeded INTEGER NOT NULL,
    attempted_at TEXT NOT NULL,
    ip TEXT NULL
);
CREATE INDEX ix_accounts_operator_sign_in_attempts_email ON accounts_operator_sign_in_attempts (email_hash, attempted_at);
