-- visitor_id holds the consent id the browser's cookie carries; each row is one choice that browser made.
ALTER TABLE cookies_consents ADD COLUMN choice text NOT NULL DEFAULT '';
ALTER TABLE cookies_consents ADD COLUMN ip_hash text NOT NULL DEFAULT '';
ALTER TABLE cookies_consents ADD COLUMN user_agent text NOT NULL DEFAULT '';
CREATE INDEX ix_cookies_consents_recorded ON cookies_consents (tenant_id, recorded_at);
CREATE TABLE cookies_salts (
    tenant_id uuid PRIMARY KEY,
    salt text NOT NULL
);
SELECT clinic_isolate_tenant('cookies_salts');
