-- A waitlist entry may suit several times of the week ("Monday mornings or Thursday after 17:00"): its days and times
-- move to one row per window, and a removed entry records who removed it and when.
CREATE TABLE booking_waitlist_windows (
    tenant_id uuid NOT NULL,
    entry_id uuid NOT NULL REFERENCES booking_waitlist_entries (id),
    -- The order the client gave them in.
    position integer NOT NULL CHECK (position >= 0),
    -- The local days that suit, one bit per weekday (bit 0 = Sunday); 127 is any day.
    weekdays integer NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    -- The local times that suit, in minutes after midnight; the whole appointment must fit inside.
    from_minute integer NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
    to_minute integer NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
    PRIMARY KEY (entry_id, position),
    CHECK (to_minute > from_minute)
);
SELECT clinic_isolate_tenant('booking_waitlist_windows');

-- The migration runs as the owner, whom row-level security binds too: the copy runs with the policies off.
ALTER TABLE booking_waitlist_entries NO FORCE ROW LEVEL SECURITY;
ALTER TABLE booking_waitlist_windows NO FORCE ROW LEVEL SECURITY;
INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute)
SELECT tenant_id, id, 0, weekdays, from_minute, to_minute FROM booking_waitlist_entries;
ALTER TABLE booking_waitlist_entries FORCE ROW LEVEL SECURITY;
ALTER TABLE booking_waitlist_windows FORCE ROW LEVEL SECURITY;

ALTER TABLE booking_waitlist_entries
    DROP COLUMN weekdays,
    DROP COLUMN from_minute,
    DROP COLUMN to_minute,
    -- Set when staff take the entry off the waitlist; the row stays as history.
    ADD COLUMN removed_at timestamptz NULL,
    ADD COLUMN removed_by uuid NULL;
