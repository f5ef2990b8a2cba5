-- Appointments with their full lifecycle (issue 4). A slot held during online booking is a 'Held' row without a
-- client yet, so that the exclusion constraints below cover holds and appointments alike.
ALTER TABLE booking_appointments ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE booking_appointments ADD COLUMN resource_id uuid NULL REFERENCES booking_resources (id);
-- The time the provider and room are taken: the appointment widened by the service's buffers.
ALTER TABLE booking_appointments ADD COLUMN blocked_from timestamptz NULL;
ALTER TABLE booking_appointments ADD COLUMN blocked_until timestamptz NULL;
-- Raised on every change, for calendar subscribers (iCal SEQUENCE).
ALTER TABLE booking_appointments ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE booking_appointments ADD COLUMN source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'online', 'waitlist'));
ALTER TABLE booking_appointments ADD COLUMN notes text NULL;
ALTER TABLE booking_appointments ADD COLUMN cancel_reason text NULL;
ALTER TABLE booking_appointments ADD COLUMN late_cancel boolean NOT NULL DEFAULT false;
ALTER TABLE booking_appointments ADD COLUMN hold_expires_at timestamptz NULL;
-- SHA-256 of the secret in the client's reschedule-or-cancel link (and of a hold's token while held).
ALTER TABLE booking_appointments ADD COLUMN token_hash text NULL;
-- Evidence kept with an online booking against chargebacks: the policy version shown, and the IP and device.
ALTER TABLE booking_appointments ADD COLUMN policy_version integer NULL;
ALTER TABLE booking_appointments ADD COLUMN booked_ip text NULL;
ALTER TABLE booking_appointments ADD COLUMN booked_user_agent text NULL;
ALTER TABLE booking_appointments ADD COLUMN updated_at timestamptz NULL;

UPDATE booking_appointments SET status = 'Confirmed' WHERE status = 'Booked';
UPDATE booking_appointments SET blocked_from = starts_at, blocked_until = ends_at, updated_at = created_at;
-- Data from before this rule could overlap; keep the earliest-created of each clash so the constraints can be added.
UPDATE booking_appointments later SET status = 'Cancelled', cancel_reason = 'Overlapped another appointment'
WHERE status NOT IN ('Cancelled', 'NoShow') AND EXISTS (
    SELECT 1 FROM booking_appointments earlier
    WHERE earlier.tenant_id = later.tenant_id AND earlier.provider_id = later.provider_id AND earlier.id < later.id
      AND earlier.status NOT IN ('Cancelled', 'NoShow')
      AND earlier.starts_at < later.ends_at AND later.starts_at < earlier.ends_at);

ALTER TABLE booking_appointments ALTER COLUMN blocked_from SET NOT NULL;
ALTER TABLE booking_appointments ALTER COLUMN blocked_until SET NOT NULL;
ALTER TABLE booking_appointments ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE booking_appointments ADD CONSTRAINT ck_booking_appointments_status
    CHECK (status IN ('Held', 'Requested', 'Confirmed', 'CheckedIn', 'InProgress', 'Completed', 'Cancelled', 'NoShow'));
ALTER TABLE booking_appointments ADD CONSTRAINT ck_booking_appointments_times CHECK (ends_at > starts_at);
ALTER TABLE booking_appointments ADD CONSTRAINT ck_booking_appointments_client CHECK (client_id IS NOT NULL OR status = 'Held');

-- Double booking is impossible in the database itself: no provider and no room has two live, overlapping rows.
-- btree_gist lets a GiST index compare the uuid columns with = beside the ranges; it is a trusted extension.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_appointments ADD CONSTRAINT ex_booking_appointments_provider
    EXCLUDE USING gist (tenant_id WITH =, provider_id WITH =, tstzrange(blocked_from, blocked_until) WITH &&)
    WHERE (status NOT IN ('Cancelled', 'NoShow'));
ALTER TABLE booking_appointments ADD CONSTRAINT ex_booking_appointments_resource
    EXCLUDE USING gist (tenant_id WITH =, resource_id WITH =, tstzrange(blocked_from, blocked_until) WITH &&)
    WHERE (resource_id IS NOT NULL AND status NOT IN ('Cancelled', 'NoShow'));
CREATE INDEX ix_booking_appointments_blocked ON booking_appointments (tenant_id, blocked_from);
CREATE INDEX ix_booking_appointments_client ON booking_appointments (tenant_id, client_id, starts_at);
CREATE UNIQUE INDEX ux_booking_appointments_token ON booking_appointments (token_hash) WHERE token_hash IS NOT NULL;

-- Every status change and move, with who made it and when.
CREATE TABLE booking_appointment_changes (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    appointment_id uuid NOT NULL REFERENCES booking_appointments (id) ON DELETE CASCADE,
    from_status text NULL,
    to_status text NOT NULL,
    starts_at timestamptz NOT NULL,
    actor_id uuid NULL,
    actor_name text NOT NULL,
    reason text NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX ix_booking_appointment_changes_appointment ON booking_appointment_changes (tenant_id, appointment_id, changed_at);
SELECT clinic_isolate_tenant('booking_appointment_changes');

-- Reminders still to publish, one per configured offset; moved by a reschedule and removed by a cancellation.
-- Not tenant-isolated, like the outbox: the reminder job finds what is due across clinics, and the rows hold only ids
-- and times; it reads each appointment inside its own clinic's transaction.
CREATE TABLE booking_reminders (
    tenant_id uuid NOT NULL,
    appointment_id uuid NOT NULL REFERENCES booking_appointments (id) ON DELETE CASCADE,
    offset_minutes integer NOT NULL,
    due_at timestamptz NOT NULL,
    PRIMARY KEY (appointment_id, offset_minutes)
);
CREATE INDEX ix_booking_reminders_due ON booking_reminders (due_at);
