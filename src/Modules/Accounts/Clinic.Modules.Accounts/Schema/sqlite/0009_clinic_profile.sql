-- What the clinic tells the public: its website's home and about pages, footer, and policy contact details.
CREATE TABLE accounts_clinic_profiles (
    tenant_id TEXT PRIMARY KEY REFERENCES accounts_tenants (id),
    tagline TEXT NULL,
    about TEXT NULL,
    address TEXT NULL,
    map_link TEXT NULL,
    phone TEXT NULL,
    email TEXT NULL,
    whatsapp TEXT NULL,
    whatsapp_widget INTEGER NOT NULL DEFAULT 0,
    instagram TEXT NULL,
    facebook TEXT NULL,
    tiktok TEXT NULL,
    youtube TEXT NULL,
    updated_at TEXT NOT NULL
);

-- One row per open weekday (0 = Sunday), times as minutes after midnight in the clinic's zone; no row means closed.
CREATE TABLE accounts_opening_hours (
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens_minute INTEGER NOT NULL,
    closes_minute INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, weekday),
    CHECK (opens_minute >= 0 AND opens_minute < closes_minute AND closes_minute <= 1440)
);
