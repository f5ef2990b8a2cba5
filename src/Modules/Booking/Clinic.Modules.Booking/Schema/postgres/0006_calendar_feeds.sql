-- Providers' private calendar subscription URLs: only the SHA-256 of the token is kept. At most one live
-- (not revoked) feed per provider; creating a new one revokes the old.
CREATE TABLE booking_calendar_feeds (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    provider_id uuid NOT NULL,
    token_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);
CREATE UNIQUE INDEX ux_booking_calendar_feeds_token ON booking_calendar_feeds (token_hash);
CREATE UNIQUE INDEX ux_booking_calendar_feeds_live ON booking_calendar_feeds (tenant_id, provider_id) WHERE revoked_at IS NULL;
SELECT clinic_isolate_tenant('booking_calendar_feeds');
