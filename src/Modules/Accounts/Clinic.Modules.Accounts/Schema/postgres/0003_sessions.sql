-- Staff sessions held on the server: the cookie only names one, so signing out, a timeout or a password change
-- ends it for every copy of the cookie.
CREATE TABLE accounts_sessions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    staff_id uuid NOT NULL REFERENCES accounts_staff (id),
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    ended_at timestamptz NULL,
    ended_reason text NULL,
    ip text NULL,
    device text NULL
);
CREATE INDEX ix_accounts_sessions_staff ON accounts_sessions (tenant_id, staff_id);
SELECT clinic_isolate_tenant('accounts_sessions');
