-- The signing secret of each clinic's Resend webhook, encrypted with Data Protection like the API key, so that in the
-- SaaS edition every clinic's delivery events verify with its own secret (ADR 0019).
ALTER TABLE messaging_channel_settings ADD COLUMN protected_signing_secret text NULL;
