-- A message's secret links (sign-in, invitation, booking and waitlist links) wait here sealed with Data Protection
-- until the message is settled, then are erased; subject and body keep each link's placeholder in its place, which the
-- log shows as "sign-in link (hidden)" and the like (ADR 0018).
ALTER TABLE messaging_messages ADD COLUMN secrets TEXT NULL;

-- Messages written before kept their links readable in data and in the words: the words get the placeholder and data
-- loses the link. One not sent yet goes without its link.
UPDATE messaging_messages
SET subject = replace(subject, json_extract(data, '$."sign_in.url"'), '{{sign_in.url}}'),
    body = replace(body, json_extract(data, '$."sign_in.url"'), '{{sign_in.url}}'),
    data = json_remove(data, '$."sign_in.url"')
WHERE json_extract(data, '$."sign_in.url"') <> '';
UPDATE messaging_messages
SET subject = replace(subject, json_extract(data, '$."invitation.url"'), '{{invitation.url}}'),
    body = replace(body, json_extract(data, '$."invitation.url"'), '{{invitation.url}}'),
    data = json_remove(data, '$."invitation.url"')
WHERE json_extract(data, '$."invitation.url"') <> '';
UPDATE messaging_messages
SET subject = replace(subject, json_extract(data, '$."appointment.manage_url"'), '{{appointment.manage_url}}'),
    body = replace(body, json_extract(data, '$."appointment.manage_url"'), '{{appointment.manage_url}}'),
    data = json_remove(data, '$."appointment.manage_url"')
WHERE json_extract(data, '$."appointment.manage_url"') <> '';
UPDATE messaging_messages
SET subject = replace(subject, json_extract(data, '$."offer.url"'), '{{offer.url}}'),
    body = replace(body, json_extract(data, '$."offer.url"'), '{{offer.url}}'),
    data = json_remove(data, '$."offer.url"')
WHERE json_extract(data, '$."offer.url"') <> '';
