-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
-- The owner runs this and row-level security binds it on the outbox, so it is lifted for the update.
ALTER TABLE clients_outbox NO FORCE ROW LEVEL SECURITY;
UPDATE clients_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Clients.Contracts.ClientsMerged' THEN 'clients.clients-merged.v1'
    END
WHERE type IN ('Clinic.Modules.Clients.Contracts.ClientsMerged');
ALTER TABLE clients_outbox FORCE ROW LEVEL SECURITY;
