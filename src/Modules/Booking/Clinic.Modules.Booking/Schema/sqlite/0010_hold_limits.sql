-- Online holds (ADR 0022). Each hold remembers the browser that made it, by the SHA-256 of its visitor cookie, so
-- one visitor holds only a few times at once; the column is cleared when the hold becomes an appointment.
ALTER TABLE booking_appointments ADD COLUMN visitor_hash TEXT NULL;
CREATE INDEX ix_booking_appointments_visitor ON booking_appointments (tenant_id, visitor_hash) WHERE visitor_hash IS NOT NULL;

-- Holds whose time was taken (booked through the hold's link, or by staff over it), by the SHA-256 of the hold's
-- secret, kept until the hold would have run out: the link then says the time was taken instead of that it ran out.
CREATE TABLE booking_taken_holds (
    token_hash TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    forget_at TEXT NOT NULL
);
CREATE INDEX ix_booking_taken_holds_forget ON booking_taken_holds (tenant_id, forget_at);
