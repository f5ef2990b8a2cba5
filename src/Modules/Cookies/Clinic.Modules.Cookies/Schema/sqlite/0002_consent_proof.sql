-- visitor_id holds the consent id the browser's cookie carries; each row is one choice that browser made.
ALTER TABLE cookies_consents ADD COLUMN choice TEXT NOT NULL DEFAULT '';
ALTER TABLE cookies_consents ADD COLUMN ip_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE cookies_consents ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_cookies_consents_recorded ON cookies_consents (tenant_id, recorded_at);
CREATE TABLE cookies_salts (
    tenant_id TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);
