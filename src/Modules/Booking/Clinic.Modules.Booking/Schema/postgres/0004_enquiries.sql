-- Consultation requests from the public website, kept until the retention setting purges them.
-- status: new, converted (client_id set) or dismissed; read_at marks the first time staff opened one.
CREATE TABLE booking_enquiries (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    phone text NOT NULL,
    email text NULL,
    service_id uuid NULL,
    treatment text NULL,
    preferred_times text NULL,
    message text NULL,
    ip text NULL,
    user_agent text NULL,
    status text NOT NULL CHECK (status IN ('new', 'converted', 'dismissed')),
    client_id uuid NULL,
    received_at timestamptz NOT NULL,
    read_at timestamptz NULL,
    handled_at timestamptz NULL,
    handled_by uuid NULL
);
CREATE INDEX ix_booking_enquiries_received ON booking_enquiries (tenant_id, received_at);
SELECT clinic_isolate_tenant('booking_enquiries');
