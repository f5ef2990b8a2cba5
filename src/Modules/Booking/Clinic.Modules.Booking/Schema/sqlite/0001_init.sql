CREATE TABLE booking_services (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    price TEXT NOT NULL,
    currency TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE booking_appointments (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    service_id TEXT NOT NULL REFERENCES booking_services (id),
    provider_id TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_booking_appointments_day ON booking_appointments (tenant_id, starts_at);
