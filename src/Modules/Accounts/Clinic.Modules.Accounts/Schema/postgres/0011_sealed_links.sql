-- Sign-in and invitation links travel sealed since ADR 0018; events written before carried them readable, in the
-- payload the outbox keeps after delivery. The links are erased; an event not yet delivered goes without its link.
-- The owner runs this; should row-level security bind the owner on the outbox by now, it is lifted while it runs.
DO $$
DECLARE
    forced boolean := row_security_active('accounts_outbox');
BEGIN
    IF forced THEN
        ALTER TABLE accounts_outbox NO FORCE ROW LEVEL SECURITY;
    END IF;
    UPDATE accounts_outbox
    SET payload = (payload::jsonb - 'signInUrl' - 'acceptUrl')::text
    WHERE type IN ('Clinic.Modules.Accounts.Contracts.SignInLinkRequested', 'Clinic.Modules.Accounts.Contracts.StaffInvited');
    IF forced THEN
        ALTER TABLE accounts_outbox FORCE ROW LEVEL SECURITY;
    END IF;
END $$;
