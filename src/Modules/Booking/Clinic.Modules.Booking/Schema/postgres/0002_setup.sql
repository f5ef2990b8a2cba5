-- The clinic's booking set-up (issue 4): what it offers, who performs it, when, and in which rooms.
ALTER TABLE booking_services ADD COLUMN category text NOT NULL DEFAULT 'Treatments';
ALTER TABLE booking_services ADD COLUMN description text NULL;
ALTER TABLE booking_services ADD COLUMN buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0);
ALTER TABLE booking_services ADD COLUMN buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0);
-- The type of room or equipment the service needs, e.g. "Laser room"; NULL when it needs none.
ALTER TABLE booking_services ADD COLUMN resource_type text NULL;
ALTER TABLE booking_services ADD COLUMN online_bookable boolean NOT NULL DEFAULT false;
ALTER TABLE booking_services ADD COLUMN consultation_first boolean NOT NULL DEFAULT false;

-- Which providers (staff members) may perform a service.
CREATE TABLE booking_service_providers (
    tenant_id uuid NOT NULL,
    service_id uuid NOT NULL REFERENCES booking_services (id),
    provider_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, service_id, provider_id)
);
SELECT clinic_isolate_tenant('booking_service_providers');

-- A provider's usual week: any number of intervals a day, in minutes after local midnight (weekday 0 = Sunday).
CREATE TABLE booking_weekly_hours (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    provider_id uuid NOT NULL,
    weekday integer NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    starts_minute integer NOT NULL CHECK (starts_minute BETWEEN 0 AND 1439),
    ends_minute integer NOT NULL CHECK (ends_minute BETWEEN 1 AND 1440),
    CHECK (ends_minute > starts_minute)
);
CREATE INDEX ix_booking_weekly_hours_provider ON booking_weekly_hours (tenant_id, provider_id);
SELECT clinic_isolate_tenant('booking_weekly_hours');

-- A dated change to one provider's week: time off (the whole day when no times are given) or extra hours.
CREATE TABLE booking_schedule_exceptions (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    provider_id uuid NOT NULL,
    on_date date NOT NULL,
    kind text NOT NULL CHECK (kind IN ('off', 'extra')),
    starts_minute integer NULL,
    ends_minute integer NULL,
    note text NULL,
    CHECK ((starts_minute IS NULL AND ends_minute IS NULL AND kind = 'off') OR (starts_minute IS NOT NULL AND ends_minute > starts_minute))
);
CREATE INDEX ix_booking_schedule_exceptions_date ON booking_schedule_exceptions (tenant_id, on_date);
SELECT clinic_isolate_tenant('booking_schedule_exceptions');

-- Days the whole clinic is closed, e.g. a public holiday.
CREATE TABLE booking_closures (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    from_date date NOT NULL,
    to_date date NOT NULL,
    reason text NOT NULL,
    CHECK (to_date >= from_date)
);
SELECT clinic_isolate_tenant('booking_closures');

-- Rooms and equipment, each of a type a service may need.
CREATE TABLE booking_resources (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('room', 'equipment')),
    resource_type text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
SELECT clinic_isolate_tenant('booking_resources');

-- One row per clinic; a clinic without one books with the defaults in BookingSettings.
CREATE TABLE booking_settings (
    tenant_id uuid PRIMARY KEY,
    horizon_days integer NOT NULL CHECK (horizon_days BETWEEN 1 AND 730),
    min_notice_minutes integer NOT NULL CHECK (min_notice_minutes BETWEEN 0 AND 20160),
    slot_minutes integer NOT NULL CHECK (slot_minutes IN (5, 10, 15, 20, 30, 60)),
    cancellation_notice_hours integer NOT NULL CHECK (cancellation_notice_hours BETWEEN 0 AND 720),
    cancellation_policy text NOT NULL,
    -- Raised whenever the policy text or notice changes; each online booking records the version it was shown.
    policy_version integer NOT NULL,
    online_auto_confirm boolean NOT NULL,
    hold_minutes integer NOT NULL CHECK (hold_minutes BETWEEN 1 AND 60),
    updated_at timestamptz NOT NULL
);
SELECT clinic_isolate_tenant('booking_settings');
