-- The waitlist (issue 4): clients waiting for a service, and the slots that cancellations free offered to them in turn.
CREATE TABLE booking_waitlist_entries (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    service_id uuid NOT NULL REFERENCES booking_services (id),
    -- NULL: any provider who performs the service.
    provider_id uuid NULL,
    -- The local days that suit, one bit per weekday (bit 0 = Sunday); 127 is any day.
    weekdays integer NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    -- The local times that suit, in minutes after midnight; the whole appointment must fit inside.
    from_minute integer NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    to_minute integer NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
    source text NOT NULL CHECK (source IN ('staff', 'online')),
    status text NOT NULL CHECK (status IN ('Waiting', 'Offered', 'Booked', 'Removed')),
    created_at timestamptz NOT NULL,
    CHECK (to_minute > from_minute)
);
CREATE INDEX ix_booking_waitlist_entries_service ON booking_waitlist_entries (tenant_id, service_id, status, created_at);
SELECT clinic_isolate_tenant('booking_waitlist_entries');

-- Each offer of a freed slot to one entry, with the hash of the secret in its link.
CREATE TABLE booking_waitlist_offers (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    entry_id uuid NOT NULL REFERENCES booking_waitlist_entries (id),
    service_id uuid NOT NULL REFERENCES booking_services (id),
    provider_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    token_hash text NOT NULL UNIQUE,
    -- The address the link was sent with, so an offer passed on by the expiry job links to the same site.
    link_base text NOT NULL,
    expires_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('Open', 'Booked', 'Expired', 'Gone')),
    appointment_id uuid NULL REFERENCES booking_appointments (id),
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_booking_waitlist_offers_entry ON booking_waitlist_offers (tenant_id, entry_id);
SELECT clinic_isolate_tenant('booking_waitlist_offers');

-- Open offers' deadlines, read across clinics by the expiry job. Not tenant-isolated, like booking_reminders: the rows
-- hold only ids and times, and the job handles each offer inside its own clinic's transaction.
CREATE TABLE booking_waitlist_deadlines (
    tenant_id uuid NOT NULL,
    offer_id uuid PRIMARY KEY REFERENCES booking_waitlist_offers (id),
    expires_at timestamptz NOT NULL
);
CREATE INDEX ix_booking_waitlist_deadlines_due ON booking_waitlist_deadlines (expires_at);
