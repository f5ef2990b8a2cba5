-- Search by any part of a name, email or phone: LIKE '%term%' on one lower-cased column, served by a trigram index.
-- pg_trgm is a trusted extension, so the database owner that runs migrations may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE clients_clients ADD COLUMN search_text text GENERATED ALWAYS AS (
    lower(first_name || ' ' || last_name || ' ' || coalesce(preferred_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
) STORED;

CREATE INDEX ix_clients_clients_search ON clients_clients USING gin (search_text gin_trgm_ops);
