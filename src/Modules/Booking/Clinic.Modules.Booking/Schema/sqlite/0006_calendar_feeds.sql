-- Providers' private calendar subscription URLs: only the SHA-256 of the token is kept. At most one live
-- (not revoked) feed per provider; creating a new one revokes the old.
CREATE TABLE booking_calendar_feeds (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL
);
CREATE UNIQUE INDEX ux_booking_calendar_feeds_token ON booking_calendar_feeds (token_hash);
CREATE UNIQUE INDEX ux_booking_calendar_feeds_live ON booking_calendar_feeds (tenant_id, provider_id) WHERE revoked_at IS NULL;
