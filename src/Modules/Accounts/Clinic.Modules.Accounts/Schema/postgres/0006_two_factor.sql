-- Two-factor sign-in: one authenticator key per staff member, encrypted by Data Protection before it is stored, and
-- the last step a code was accepted for, so a code cannot be used twice.
CREATE TABLE accounts_two_factor (
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    staff_id uuid NOT NULL REFERENCES accounts_staff (id),
    secret text NOT NULL,
    enabled_at timestamptz NOT NULL,
    last_used_step bigint NULL,
    PRIMARY KEY (tenant_id, staff_id)
);
SELECT clinic_isolate_tenant('accounts_two_factor');

-- Single-use recovery codes, stored as SHA-256 hashes: the codes themselves are shown once and never kept.
CREATE TABLE accounts_recovery_codes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES accounts_tenants (id),
    staff_id uuid NOT NULL REFERENCES accounts_staff (id),
    code_hash text NOT NULL,
    used_at timestamptz NULL
);
CREATE INDEX ix_accounts_recovery_codes_staff ON accounts_recovery_codes (tenant_id, staff_id);
SELECT clinic_isolate_tenant('accounts_recovery_codes');

-- Clinic-wide security settings chosen by the Owner.
CREATE TABLE accounts_clinic_settings (
    tenant_id uuid PRIMARY KEY REFERENCES accounts_tenants (id),
    require_two_factor boolean NOT NULL
);
SELECT clinic_isolate_tenant('accounts_clinic_settings');
