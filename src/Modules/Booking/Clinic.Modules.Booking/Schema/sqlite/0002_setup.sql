-- The clinic's booking set-up (issue 4): what it offers, who performs it, when, and in which rooms.
ALTER TABLE booking_services ADD COLUMN category TEXT NOT NULL DEFAULT 'Treatments';
ALTER TABLE booking_services ADD COLUMN description TEXT NULL;
ALTER TABLE booking_services ADD COLUMN buffer_before_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0);
ALTER TABLE booking_services ADD COLUMN buffer_after_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0);
-- The type of room or equipment the service needs, e.g. "Laser room"; NULL when it needs none.
ALTER TABLE booking_services ADD COLUMN resource_type TEXT NULL;
ALTER TABLE booking_services ADD COLUMN online_bookable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE booking_services ADD COLUMN consultation_first INTEGER NOT NULL DEFAULT 0;

-- Which providers (staff members) may perform a service.
CREATE TABLE booking_service_providers (
    tenant_id TEXT NOT NULL,
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    provider_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, service_id, provider_id)
);

-- A provider's usual week: any number of intervals a day, in minutes after local midnight (weekday 0 = Sunday).
CREATE TABLE booking_weekly_hours (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    starts_minute INTEGER NOT NULL CHECK (starts_minute BETWEEN 0 AND 1439),
    ends_minute INTEGER NOT NULL CHECK (ends_minute BETWEEN 1 AND 1440),
    CHECK (ends_minute > starts_minute)
);
CREATE INDEX ix_booking_weekly_hours_provider ON booking_weekly_hours (tenant_id, provider_id);

-- A dated change to one provider's week: time off (the whole day when no times are given) or extra hours.
CREATE TABLE booking_schedule_exceptions (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'extra')),
    starts_minute INTEGER NULL,
    ends_minute INTEGER NULL,
    note TEXT NULL,
    CHECK ((starts_minute IS NULL AND ends_minute IS NULL AND kind = 'off') OR (starts_minute IS NOT NULL AND ends_minute > starts_minute))
);
CREATE INDEX ix_booking_schedule_exceptions_date ON booking_schedule_exceptions (tenant_id, on_date);

-- Days the whole clinic is closed, e.g. a public holiday.
CREATE TABLE booking_closures (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    reason TEXT NOT NULL,
    CHECK (to_date >= from_date)
);

-- Rooms and equipment, each of a type a service may need.
CREATE TABLE booking_resources (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('room', 'equipment')),
    resource_type TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

-- One row per clinic; a clinic without one books with the defaults in BookingSettings.
CREATE TABLE booking_settings (
    tenant_id TEXT PRIMARY KEY,
    horizon_days INTEGER NOT NULL CHECK (horizon_days BETWEEN 1 AND 730),
    min_notice_minutes INTEGER NOT NULL CHECK (min_notice_minutes BETWEEN 0 AND 20160),
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes IN (5, 10, 15, 20, 30, 60)),
    cancellation_notice_hours INTEGER NOT NULL CHECK (cancellation_notice_hours BETWEEN 0 AND 720),
    cancellation_policy TEXT NOT NULL,
    -- Raised whenever the policy text or notice changes; each online booking records the version it was shown.
    policy_version INTEGER NOT NULL,
    online_auto_confirm INTEGER NOT NULL,
    hold_minutes INTEGER NOT NULL CHECK (hold_minutes BETWEEN 1 AND 60),
    updated_at TEXT NOT NULL
);
