-- A waitlist entry may suit several times of the week ("Monday mornings or Thursday after 17:00"): its days and times
-- move to one row per window, and a removed entry records who removed it and when.
-- SQLite cannot drop columns a table CHECK names, so the entries table is rebuilt. Its children's foreign keys are
-- checked at commit, once the rebuilt table holds every entry again.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE booking_waitlist_windows (
    tenant_id TEXT NOT NULL,
    entry_id TEXT NOT NULL REFERENCES booking_waitlist_entries (id),
    -- The order the client gave them in.
    position INTEGER NOT NULL CHECK (position >= 0),
    -- The local days that suit, one bit per weekday (bit 0 = Sunday); 127 is any day.
    weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    -- The local times that suit, in minutes after midnight; the whole appointment must fit inside.
    from_minute INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    to_minute INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (entry_id, position),
    CHECK (to_minute > from_minute)
);
INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute)
SELECT tenant_id, id, 0, weekdays, from_minute, to_minute FROM booking_waitlist_entries;

CREATE TABLE booking_waitlist_entries_0006 AS
SELECT id, tenant_id, client_id, service_id, provider_id, source, status, created_at FROM booking_waitlist_entries;
DROP TABLE booking_waitlist_entries;
CREATE TABLE booking_waitlist_entries (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    -- NULL: any provider who performs the service.
    provider_id TEXT NULL,
    source TEXT NOT NULL CHECK (source IN ('staff', 'online')),
    status TEXT NOT NULL CHECK (status IN ('Waiting', 'Offered', 'Booked', 'Removed')),
    created_at TEXT NOT NULL,
    -- Set when staff take the entry off the waitlist; the row stays as history.
    removed_at TEXT NULL,
    removed_by TEXT NULL
);
INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
SELECT id, tenant_id, client_id, service_id, provider_id, source, status, created_at FROM booking_waitlist_entries_0006;
DROP TABLE booking_waitlist_entries_0006;
CREATE INDEX ix_booking_waitlist_entries_service ON booking_waitlist_entries (tenant_id, service_id, status, created_at);
