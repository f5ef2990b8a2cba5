-- The waitlist (issue 4): clients waiting for a service, and the slots that cancellations free offered to them in turn.
CREATE TABLE booking_waitlist_entries (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    -- NULL: any provider who performs the service.
    provider_id TEXT NULL,
    -- The local days that suit, one bit per weekday (bit 0 = Sunday); 127 is any day.
    weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    -- The local times that suit, in minutes after midnight; the whole appointment must fit inside.
    from_minute INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    to_minute INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
    source TEXT NOT NULL CHECK (source IN ('staff', 'online')),
    status TEXT NOT NULL CHECK (status IN ('Waiting', 'Offered', 'Booked', 'Removed')),
    created_at TEXT NOT NULL,
    CHECK (to_minute > from_minute)
);
CREATE INDEX ix_booking_waitlist_entries_service ON booking_waitlist_entries (tenant_id, service_id, status, created_at);

-- Each offer of a freed slot to one entry, with the hash of the secret in its link.
CREATE TABLE booking_waitlist_offers (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    entry_id TEXT NOT NULL REFERENCES booking_waitlist_entries (id),
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    provider_id TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    -- The address the link was sent with, so an offer passed on by the expiry job links to the same site.
    link_base TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Open', 'Booked', 'Expired', 'Gone')),
    appointment_id TEXT NULL REFERENCES booking_appointments (id),
    created_at TEXT NOT NULL
);
CREATE INDEX ix_booking_waitlist_offers_entry ON booking_waitlist_offers (tenant_id, entry_id);

-- Open offers' deadlines, read across clinics by the expiry job (like booking_reminders: ids and times only).
CREATE TABLE booking_waitlist_deadlines (
    tenant_id TEXT NOT NULL,
    offer_id TEXT PRIMARY KEY REFERENCES booking_waitlist_offers (id),
    expires_at TEXT NOT NULL
);
CREATE INDEX ix_booking_waitlist_deadlines_due ON booking_waitlist_deadlines (expires_at);
