-- Appointments with their full lifecycle (issue 4). Rebuilt because SQLite cannot drop NOT NULL: a slot held during
-- online booking is a 'Held' row without a client yet, so that one conflict check covers holds and appointments.
CREATE TABLE booking_appointments_v2 (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NULL,
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    provider_id TEXT NOT NULL,
    resource_id TEXT NULL REFERENCES booking_resources (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    -- The time the provider and room are taken: the appointment widened by the service's buffers.
    blocked_from TEXT NOT NULL,
    blocked_until TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('Held', 'Requested', 'Confirmed', 'CheckedIn', 'InProgress', 'Completed', 'Cancelled', 'NoShow')),
    -- Raised on every change, for calendar subscribers (iCal SEQUENCE).
    sequence INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'online', 'waitlist')),
    notes TEXT NULL,
    cancel_reason TEXT NULL,
    late_cancel INTEGER NOT NULL DEFAULT 0,
    hold_expires_at TEXT NULL,
    -- SHA-256 of the secret in the client's reschedule-or-cancel link (and of a hold's token while held).
    token_hash TEXT NULL,
    -- Evidence kept with an online booking against chargebacks: the policy version shown, and the IP and device.
    policy_version INTEGER NULL,
    booked_ip TEXT NULL,
    booked_user_agent TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (client_id IS NOT NULL OR status = 'Held')
);
INSERT INTO booking_appointments_v2 (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
SELECT id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, starts_at, ends_at,
       CASE status WHEN 'Booked' THEN 'Confirmed' ELSE status END, created_at, created_at
FROM booking_appointments;
DROP TABLE booking_appointments;
ALTER TABLE booking_appointments_v2 RENAME TO booking_appointments;
CREATE INDEX ix_booking_appointments_day ON booking_appointments (tenant_id, starts_at);
CREATE INDEX ix_booking_appointments_blocked ON booking_appointments (tenant_id, blocked_from);
CREATE INDEX ix_booking_appointments_client ON booking_appointments (tenant_id, client_id, starts_at);
CREATE UNIQUE INDEX ux_booking_appointments_token ON booking_appointments (token_hash) WHERE token_hash IS NOT NULL;

-- Every status change and move, with who made it and when.
CREATE TABLE booking_appointment_changes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL REFERENCES booking_appointments (id) ON DELETE CASCADE,
    from_status TEXT NULL,
    to_status TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    actor_id TEXT NULL,
    actor_name TEXT NOT NULL,
    reason TEXT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX ix_booking_appointment_changes_appointment ON booking_appointment_changes (tenant_id, appointment_id, changed_at);

-- Reminders still to publish, one per configured offset; moved by a reschedule and removed by a cancellation.
CREATE TABLE booking_reminders (
    tenant_id TEXT NOT NULL,
    appointment_id TEXT NOT NULL REFERENCES booking_appointments (id) ON DELETE CASCADE,
    offset_minutes INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    PRIMARY KEY (appointment_id, offset_minutes)
);
CREATE INDEX ix_booking_reminders_due ON booking_reminders (due_at);
