-- Search by any part of a name, email or phone. The trigram tokenizer matches substrings of 3 or more characters;
-- shorter searches fall back to LIKE. The index keeps its own copy of the text (not external content), because
-- clients_clients has no INTEGER PRIMARY KEY and VACUUM may renumber its rowids.
CREATE VIRTUAL TABLE clients_search USING fts5(client_id UNINDEXED, text, tokenize = 'trigram');

INSERT INTO clients_search (client_id, text)
SELECT id, first_name || ' ' || last_name || ' ' || coalesce(preferred_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')
FROM clients_clients;

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients_clients BEGIN
    INSERT INTO clients_search (client_id, text)
    VALUES (new.id, new.first_name || ' ' || new.last_name || ' ' || coalesce(new.preferred_name, '') || ' ' || coalesce(new.email, '') || ' ' || coalesce(new.phone, ''));
END;

CREATE TRIGGER clients_search_update AFTER UPDATE OF first_name, last_name, preferred_name, email, phone ON clients_clients BEGIN
    UPDATE clients_search
    SET text = new.first_name || ' ' || new.last_name || ' ' || coalesce(new.preferred_name, '') || ' ' || coalesce(new.email, '') || ' ' || coalesce(new.phone, '')
    WHERE client_id = old.id;
END;

CREATE TRIGGER clients_search_delete AFTER DELETE ON clients_clients BEGIN
    DELETE FROM clients_search WHERE client_id = old.id;
END;
