-- Who recorded each consent change: a staff id, or NULL for changes made before this column and by the client.
ALTER TABLE clients_consent_changes ADD COLUMN changed_by uuid NULL;
