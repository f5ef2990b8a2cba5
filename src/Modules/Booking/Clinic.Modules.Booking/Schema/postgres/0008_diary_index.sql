-- The availability engine reads every live appointment of the searched days (DiaryReader); carrying the columns it
-- reads lets PostgreSQL answer with an index-only scan. It replaces the narrower index.
CREATE INDEX ix_booking_appointments_diary
    ON booking_appointments (tenant_id, blocked_from) INCLUDE (blocked_until, status, provider_id, resource_id, hold_expires_at, id);
DROP INDEX ix_booking_appointments_blocked;
