-- Recording an access no longer extends the chain (ADR 0028). An entry is written to accounts_audit_pending in the
-- access's own transaction, without the clinic's chain lock; the audit-chain job moves it into accounts_audit_entries
-- with its sequence and hash shortly after, and signs a checkpoint of the chain's newest entry.
CREATE TABLE accounts_audit_pending (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    occurred_at timestamptz NOT NULL,
    actor_id uuid NULL,
    actor_name text NULL,
    action text NOT NULL,
    client_id uuid NULL,
    record_id uuid NULL,
    outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    ip text NULL,
    device text NULL
);
CREATE INDEX ix_accounts_audit_pending_clinic ON accounts_audit_pending (tenant_id, position);
SELECT clinic_isolate_tenant('accounts_audit_pending');
SELECT clinic_open_to_owner_views('accounts_audit_pending');
CREATE VIEW accounts_audit_pending_all_clinics AS SELECT tenant_id, id, occurred_at FROM accounts_audit_pending;

-- A waiting entry cannot be edited, and leaves only once the chain holds it: recording stays append-only.
CREATE FUNCTION accounts_audit_pending_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM accounts_audit_entries WHERE id = OLD.id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'A waiting audit entry leaves only for the chain: % is refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER accounts_audit_pending_append_only BEFORE UPDATE OR DELETE ON accounts_audit_pending
FOR EACH ROW EXECUTE FUNCTION accounts_audit_pending_guard();

CREATE TRIGGER accounts_audit_pending_no_truncate BEFORE TRUNCATE ON accounts_audit_pending
FOR EACH STATEMENT EXECUTE FUNCTION accounts_audit_entries_refuse_change();

-- The newest chained entry of each clinic, signed with a Data Protection key, so that deleting the newest entries
-- shows: the chain alone cannot tell a removed tail from one never written.
CREATE TABLE accounts_audit_checkpoints (
    tenant_id uuid PRIMARY KEY REFERENCES accounts_tenants (id),
    sequence bigint NOT NULL,
    entry_id uuid NOT NULL,
    hash text NOT NULL,
    signature text NOT NULL,
    signed_at timestamptz NOT NULL
);
SELECT clinic_isolate_tenant('accounts_audit_checkpoints');

CREATE TRIGGER accounts_audit_checkpoints_kept BEFORE DELETE ON accounts_audit_checkpoints
FOR EACH ROW EXECUTE FUNCTION accounts_audit_entries_refuse_change();
