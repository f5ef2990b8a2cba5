-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
-- The owner runs this and row-level security binds it on the outbox, so it is lifted for the update.
ALTER TABLE accounts_outbox NO FORCE ROW LEVEL SECURITY;
UPDATE accounts_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Accounts.Contracts.NewDeviceSignedIn' THEN 'accounts.new-device-signed-in.v1'
        WHEN 'Clinic.Modules.Accounts.Contracts.SignInLinkRequested' THEN 'accounts.sign-in-link-requested.v1'
        WHEN 'Clinic.Modules.Accounts.Contracts.StaffInvited' THEN 'accounts.staff-invited.v1'
    END
WHERE type IN ('Clinic.Modules.Accounts.Contracts.NewDeviceSignedIn', 'Clinic.Modules.Accounts.Contracts.SignInLinkRequested', 'Clinic.Modules.Accounts.Contracts.StaffInvited');
ALTER TABLE accounts_outbox FORCE ROW LEVEL SECURITY;
