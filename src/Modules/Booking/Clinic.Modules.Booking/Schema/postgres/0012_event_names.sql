-- Events are stored under the names their types declare (ADR 0029), no longer under the types' full names, so that
-- moving a type strands no event. Events stored before, delivered or waiting, take their new names.
-- The owner runs this and row-level security binds it on the outbox, so it is lifted for the update.
ALTER TABLE booking_outbox NO FORCE ROW LEVEL SECURITY;
UPDATE booking_outbox
SET type =
    CASE type
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentBooked' THEN 'booking.appointment-booked.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentRescheduled' THEN 'booking.appointment-rescheduled.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentCancelled' THEN 'booking.appointment-cancelled.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentCompleted' THEN 'booking.appointment-completed.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentNoShow' THEN 'booking.appointment-no-show.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.AppointmentReminderDue' THEN 'booking.appointment-reminder-due.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.ConsultationRequested' THEN 'booking.consultation-requested.v1'
        WHEN 'Clinic.Modules.Booking.Contracts.WaitlistSlotOffered' THEN 'booking.waitlist-slot-offered.v1'
    END
WHERE type IN ('Clinic.Modules.Booking.Contracts.AppointmentBooked', 'Clinic.Modules.Booking.Contracts.AppointmentRescheduled', 'Clinic.Modules.Booking.Contracts.AppointmentCancelled', 'Clinic.Modules.Booking.Contracts.AppointmentCompleted', 'Clinic.Modules.Booking.Contracts.AppointmentNoShow', 'Clinic.Modules.Booking.Contracts.AppointmentReminderDue', 'Clinic.Modules.Booking.Contracts.ConsultationRequested', 'Clinic.Modules.Booking.Contracts.WaitlistSlotOffered');
ALTER TABLE booking_outbox FORCE ROW LEVEL SECURITY;
