-- Marketing campaigns: the words staff wrote, the segment they chose, and the public address links start with
-- (recorded when staff create the campaign, since the job that queues its messages has no request to ask).
CREATE TABLE messaging_campaigns (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('Email', 'Sms', 'WhatsApp')),
    subject TEXT NULL,
    body TEXT NOT NULL,
    -- The segment; every part is optional and they combine with AND. Dates are clinic-local (yyyy-MM-dd).
    segment_tag TEXT NULL,
    last_visit_on_or_after TEXT NULL,
    last_visit_before TEXT NULL,
    service_id TEXT NULL,
    link_base TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sending', 'sent')),
    created_at TEXT NOT NULL,
    sent_at TEXT NULL
);
CREATE INDEX ix_messaging_campaigns_created ON messaging_campaigns (tenant_id, created_at);

-- Who a sent campaign goes to, fixed when staff press send; the job queues each one's message a few per minute.
CREATE TABLE messaging_campaign_recipients (
    tenant_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES messaging_campaigns (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    message_id TEXT NULL,
    queued_at TEXT NULL,
    PRIMARY KEY (tenant_id, campaign_id, client_id)
);
CREATE INDEX ix_messaging_campaign_recipients_queued ON messaging_campaign_recipients (tenant_id, queued_at);

-- Campaigns still queueing, across clinics, for the throttling job. Not tenant-isolated, like messaging_due: ids only.
CREATE TABLE messaging_campaigns_sending (
    campaign_id TEXT PRIMARY KEY REFERENCES messaging_campaigns (id) ON DELETE CASCADE,
    tenant_id TEXT NOT NULL
);
