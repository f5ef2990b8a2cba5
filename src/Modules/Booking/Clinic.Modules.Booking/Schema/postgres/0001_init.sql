CREATE TABLE booking_services (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
    price numeric(12, 2) NOT NULL,
    currency char(3) NOT NULL,
    active boolean NOT NULL DEFAULT true
);
SELECT clinic_isolate_tenant('booking_services');

CREATE TABLE booking_appointments (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    client_id uuid NOT NULL,
    service_id uuid NOT NULL REFERENCES booking_services (id),
    provider_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_booking_appointments_day ON booking_appointments (tenant_id, starts_at);
SELECT clinic_isolate_tenant('booking_appointments');
