-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
UPDATE clients_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Clients.Contracts.ClientsMerged' THEN 'clients.clients-merged.v1'
    END
WHERE type IN ('Clinic.Modules.Clients.Contracts.ClientsMerged');
