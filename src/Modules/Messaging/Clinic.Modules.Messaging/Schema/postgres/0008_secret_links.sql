-- A message's secret links (sign-in, invitation, booking and waitlist links) wait here sealed with Data Protection
-- until the message is settled, then are erased; subject and body keep each link's placeholder in its place, which the
-- log shows as "sign-in link (hidden)" and the like (ADR 0018).
ALTER TABLE messaging_messages ADD COLUMN secrets text NULL;

-- Messages written before kept their links readable in data and in the words: the words get the placeholder and data
-- loses the link. One not sent yet goes without its link. The migration runs as the owner, whom row-level security
-- binds too, so it runs with the policies off.
ALTER TABLE messaging_messages NO FORCE ROW LEVEL SECURITY;
UPDATE messaging_messages
SET subject = replace(subject, data::jsonb ->> 'sign_in.url', '{{sign_in.url}}'),
    body = replace(body, data::jsonb ->> 'sign_in.url', '{{sign_in.url}}'),
    data = (data::jsonb - 'sign_in.url')::text
WHERE data::jsonb ->> 'sign_in.url' <> '';
UPDATE messaging_messages
SET subject = replace(subject, data::jsonb ->> 'invitation.url', '{{invitation.url}}'),
    body = replace(body, data::jsonb ->> 'invitation.url', '{{invitation.url}}'),
    data = (data::jsonb - 'invitation.url')::text
WHERE data::jsonb ->> 'invitation.url' <> '';
UPDATE messaging_messages
SET subject = replace(subject, data::jsonb ->> 'appointment.manage_url', '{{appointment.manage_url}}'),
    body = replace(body, data::jsonb ->> 'appointment.manage_url', '{{appointment.manage_url}}'),
    data = (data::jsonb - 'appointment.manage_url')::text
WHERE data::jsonb ->> 'appointment.manage_url' <> '';
UPDATE messaging_messages
SET subject = replace(subject, data::jsonb ->> 'offer.url', '{{offer.url}}'),
    body = replace(body, data::jsonb ->> 'offer.url', '{{offer.url}}'),
    data = (data::jsonb - 'offer.url')::text
WHERE data::jsonb ->> 'offer.url' <> '';
ALTER TABLE messaging_messages FORCE ROW LEVEL SECURITY;
