-- Staff sessions held on the server: the cookie only names one, so signing out, a timeout or a password change
-- ends it for every copy of the cookie.
CREATE TABLE accounts_sessions (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    staff_id TEXT NOT NULL REFERENCES accounts_staff (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT NULL,
    ended_reason TEXT NULL,
    ip TEXT NULL,
    device TEXT NULL
);
CREATE INDEX ix_accounts_sessions_staff ON accounts_sessions (tenant_id, staff_id);
