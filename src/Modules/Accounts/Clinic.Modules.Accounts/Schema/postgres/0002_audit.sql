-- The audit trail. Each clinic's entries form a chain: entry n stores the hash of entry n-1, so editing or removing
-- one breaks every hash after it.
CREATE TABLE accounts_audit_entries (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    sequence bigint NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id uuid NULL,
    actor_name text NULL,
    action text NOT NULL,
    client_id uuid NULL,
    record_id uuid NULL,
    outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    ip text NULL,
    device text NULL,
    previous_hash text NULL,
    hash text NOT NULL,
    UNIQUE (tenant_id, sequence)
);
CREATE INDEX ix_accounts_audit_entries_client ON accounts_audit_entries (tenant_id, client_id);
CREATE INDEX ix_accounts_audit_entries_actor ON accounts_audit_entries (tenant_id, actor_id);
SELECT clinic_isolate_tenant('accounts_audit_entries');

-- The migrator grants the application role UPDATE and DELETE on every table, and an owner cannot revoke rights
-- from itself, so append-only is enforced by triggers, which bind every role short of disabling them.
CREATE FUNCTION accounts_audit_entries_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % is refused.', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER accounts_audit_entries_append_only BEFORE UPDATE OR DELETE ON accounts_audit_entries
FOR EACH ROW EXECUTE FUNCTION accounts_audit_entries_refuse_change();

CREATE TRIGGER accounts_audit_entries_no_truncate BEFORE TRUNCATE ON accounts_audit_entries
FOR EACH STATEMENT EXECUTE FUNCTION accounts_audit_entries_refuse_change();
