-- The language a client reads messages in: en (English) or ur (Urdu). Existing clients read English.
ALTER TABLE clients_clients ADD COLUMN preferred_language TEXT NOT NULL DEFAULT 'en';
