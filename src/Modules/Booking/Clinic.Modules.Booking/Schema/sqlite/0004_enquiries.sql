-- Consultation requests from the public website, kept until the retention setting purges them.
-- status: new, converted (client_id set) or dismissed; read_at marks the first time staff opened one.
CREATE TABLE booking_enquiries (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NULL,
    service_id TEXT NULL,
    treatment TEXT NULL,
    preferred_times TEXT NULL,
    message TEXT NULL,
    ip TEXT NULL,
    user_agent TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'converted', 'dismissed')),
    client_id TEXT NULL,
    received_at TEXT NOT NULL,
    read_at TEXT NULL,
    handled_at TEXT NULL,
    handled_by TEXT NULL
);
CREATE INDEX ix_booking_enquiries_received ON booking_enquiries (tenant_id, received_at);
