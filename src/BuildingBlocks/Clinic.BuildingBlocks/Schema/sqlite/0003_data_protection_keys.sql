-- ASP.NET Core Data Protection's key ring, shared by every host; platform-wide, so no tenant_id.
-- Rows are never deleted: a retired key still decrypts what it once protected (authenticator keys, provider secrets).
CREATE TABLE clinic_data_protection_keys (
    id TEXT NOT NULL PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL,
    created_at TEXT NOT NULL
);
