-- Sign-in and invitation links travel sealed since ADR 0018; events written before carried them readable, in the
-- payload the outbox keeps after delivery. The links are erased; an event not yet delivered goes without its link.
UPDATE accounts_outbox
SET payload = json_remove(payload, '$.signInUrl', '$.acceptUrl')
WHERE type IN ('Clinic.Modules.Accounts.Contracts.SignInLinkRequested', 'Clinic.Modules.Accounts.Contracts.StaffInvited');
