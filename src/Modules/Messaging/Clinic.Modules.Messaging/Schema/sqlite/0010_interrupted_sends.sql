-- Attempts whose outcome was never recorded because the host died mid-send, and how many of them were sent again
-- although the provider could not say whether it had the first (SMTP): those clients may hold two copies with one
-- Message-ID. The message log counts both (ADR 0011).
ALTER TABLE messaging_messages ADD COLUMN interrupted_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messaging_messages ADD COLUMN unconfirmed_resends INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_messaging_messages_interrupted ON messaging_messages (tenant_id, created_at) WHERE interrupted_attempts > 0;
