-- ASP.NET Core Data Protection's key ring, shared by every host; platform-wide, so no tenant_id and no row-level security.
-- Rows are never deleted: a retired key still decrypts what it once protected (authenticator keys, provider secrets).
CREATE TABLE clinic_data_protection_keys (
    id UUID NOT NULL PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
