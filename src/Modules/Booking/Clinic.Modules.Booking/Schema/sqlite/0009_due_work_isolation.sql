-- The views through which the jobs find what is due in every clinic; on PostgreSQL they are the jobs' only way to see
-- across clinics (the tables are isolated by row-level security), so both engines run the same queries.
CREATE VIEW booking_reminders_all_clinics AS SELECT tenant_id, appointment_id, offset_minutes, due_at FROM booking_reminders;
CREATE VIEW booking_waitlist_deadlines_all_clinics AS SELECT tenant_id, offer_id, expires_at FROM booking_waitlist_deadlines;
