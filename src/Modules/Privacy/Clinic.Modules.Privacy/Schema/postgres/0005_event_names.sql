-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
-- The owner runs this and row-level security binds it on the outbox, so it is lifted for the update.
ALTER TABLE privacy_outbox NO FORCE ROW LEVEL SECURITY;
UPDATE privacy_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Privacy.Contracts.PolicyPublished' THEN 'privacy.policy-published.v1'
    END
WHERE type IN ('Clinic.Modules.Privacy.Contracts.PolicyPublished');
ALTER TABLE privacy_outbox FORCE ROW LEVEL SECURITY;
