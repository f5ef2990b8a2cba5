-- The audit trail. Each clinic's entries form a chain: entry n stores the hash of entry n-1, so editing or removing
-- one breaks every hash after it. The triggers make the table append-only for every connection.
CREATE TABLE accounts_audit_entries (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    sequence INTEGER NOT NULL,
    occurred_at TEXT NOT NULL,
    actor_id TEXT NULL,
    actor_name TEXT NULL,
    action TEXT NOT NULL,
    client_id TEXT NULL,
    record_id TEXT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    ip TEXT NULL,
    device TEXT NULL,
    previous_hash TEXT NULL,
    hash TEXT NOT NULL,
    UNIQUE (tenant_id, sequence)
);
CREATE INDEX ix_accounts_audit_entries_client ON accounts_audit_entries (tenant_id, client_id);
CREATE INDEX ix_accounts_audit_entries_actor ON accounts_audit_entries (tenant_id, actor_id);

CREATE TRIGGER accounts_audit_entries_no_update BEFORE UPDATE ON accounts_audit_entries
BEGIN
    SELECT RAISE(ABORT, 'The audit trail is append-only: entries cannot be changed.');
END;

CREATE TRIGGER accounts_audit_entries_no_delete BEFORE DELETE ON accounts_audit_entries
BEGIN
    SELECT RAISE(ABORT, 'The audit trail is append-only: entries cannot be deleted.');
END;
