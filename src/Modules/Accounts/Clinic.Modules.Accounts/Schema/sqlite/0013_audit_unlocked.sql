-- Recording an access no longer extends the chain (ADR 0028). An entry is written to accounts_audit_pending in the
-- access's own transaction; the audit-chain job moves it into accounts_audit_entries with its sequence and hash
-- shortly after, and signs a checkpoint of the chain's newest entry. position keeps the order entries committed in.
CREATE TABLE accounts_audit_pending (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    occurred_at TEXT NOT NULL,
    actor_id TEXT NULL,
    actor_name TEXT NULL,
    action TEXT NOT NULL,
    client_id TEXT NULL,
    record_id TEXT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    ip TEXT NULL,
    device TEXT NULL
);
CREATE INDEX ix_accounts_audit_pending_clinic ON accounts_audit_pending (tenant_id, position);
CREATE VIEW accounts_audit_pending_all_clinics AS SELECT tenant_id, id, occurred_at FROM accounts_audit_pending;

-- A waiting entry cannot be edited, and leaves only once the chain holds it: recording stays append-only.
CREATE TRIGGER accounts_audit_pending_no_update BEFORE UPDATE ON accounts_audit_pending
BEGIN
    SELECT RAISE(ABORT, 'A waiting audit entry cannot be changed.');
END;

CREATE TRIGGER accounts_audit_pending_leaves_for_the_chain BEFORE DELETE ON accounts_audit_pending
WHEN NOT EXISTS (SELECT 1 FROM accounts_audit_entries WHERE id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'A waiting audit entry leaves only for the chain.');
END;

-- The newest chained entry of each clinic, signed with a Data Protection key, so that deleting the newest entries
-- shows: the chain alone cannot tell a removed tail from one never written.
CREATE TABLE accounts_audit_checkpoints (
    tenant_id TEXT PRIMARY KEY REFERENCES accounts_tenants (id),
    sequence INTEGER NOT NULL,
    entry_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    signed_at TEXT NOT NULL
);

CREATE TRIGGER accounts_audit_checkpoints_kept BEFORE DELETE ON accounts_audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'An audit checkpoint cannot be deleted.');
END;
