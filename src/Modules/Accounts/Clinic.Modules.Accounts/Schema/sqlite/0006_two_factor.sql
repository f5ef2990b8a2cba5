-- Two-factor sign-in: one authenticator key per staff member, encrypted by Data Protection before it is stored, and
-- the last step a code was accepted for, so a code cannot be used twice.
CREATE TABLE accounts_two_factor (
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    staff_id TEXT NOT NULL REFERENCES accounts_staff (id),
    secret TEXT NOT NULL,
    enabled_at TEXT NOT NULL,
    last_used_step INTEGER NULL,
    PRIMARY KEY (tenant_id, staff_id)
);

-- Single-use recovery codes, stored as SHA-256 hashes: the codes themselves are shown once and never kept.
CREATE TABLE accounts_recovery_codes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES accounts_tenants (id),
    staff_id TEXT NOT NULL REFERENCES accounts_staff (id),
    code_hash TEXT NOT NULL,
    used_at TEXT NULL
);
CREATE INDEX ix_accounts_recovery_codes_staff ON accounts_recovery_codes (tenant_id, staff_id);

-- Clinic-wide security settings chosen by the Owner.
CREATE TABLE accounts_clinic_settings (
    tenant_id TEXT PRIMARY KEY REFERENCES accounts_tenants (id),
    require_two_factor INTEGER NOT NULL
);
