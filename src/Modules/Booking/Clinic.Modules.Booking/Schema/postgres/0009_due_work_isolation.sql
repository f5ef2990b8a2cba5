-- Reminders and waitlist deadlines are a clinic's rows like any other (issue 14): the jobs that find what is due in
-- every clinic read them through views the owner role owns (see the platform's clinic_open_to_owner_views), which
-- show ids and times only, and handle each row inside its own clinic's transaction.
SELECT clinic_isolate_tenant('booking_reminders');
SELECT clinic_open_to_owner_views('booking_reminders');
CREATE VIEW booking_reminders_all_clinics AS SELECT tenant_id, appointment_id, offset_minutes, due_at FROM booking_reminders;

SELECT clinic_isolate_tenant('booking_waitlist_deadlines');
SELECT clinic_open_to_owner_views('booking_waitlist_deadlines');
CREATE VIEW booking_waitlist_deadlines_all_clinics AS SELECT tenant_id, offer_id, expires_at FROM booking_waitlist_deadlines;
