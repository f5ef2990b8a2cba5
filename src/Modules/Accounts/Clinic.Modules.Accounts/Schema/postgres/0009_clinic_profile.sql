-- What the clinic tells the public: its website's home and about pages, footer, and policy contact details.
CREATE TABLE accounts_clinic_profiles (
    tenant_id uuid PRIMARY KEY REFERENCES accounts_tenants (id),
    tagline text NULL,
    about text NULL,
    address text NULL,
    map_link text NULL,
    phone text NULL,
    email text NULL,
    whatsapp text NULL,
    whatsapp_widget boolean NOT NULL DEFAULT false,
    instagram text NULL,
    facebook text NULL,
    tiktok text NULL,
    youtube text NULL,
    updated_at timestamptz NOT NULL
);
SELECT clinic_isolate_tenant('accounts_clinic_profiles');

-- One row per open weekday (0 = Sunday), times as minutes after midnight in the clinic's zone; no row means closed.
CREATE TABLE accounts_opening_hours (
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    weekday integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens_minute integer NOT NULL,
    closes_minute integer NOT NULL,
    PRIMARY KEY (tenant_id, weekday),
    CHECK (opens_minute >= 0 AND opens_minute < closes_minute AND closes_minute <= 1440)
);
SELECT clinic_isolate_tenant('accounts_opening_hours');
