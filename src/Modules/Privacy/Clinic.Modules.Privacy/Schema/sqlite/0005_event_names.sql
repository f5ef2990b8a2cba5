-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
UPDATE privacy_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Privacy.Contracts.PolicyPublished' THEN 'privacy.policy-published.v1'
    END
WHERE type IN ('Clinic.Modules.Privacy.Contracts.PolicyPublished');
