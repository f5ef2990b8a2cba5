-- Marketing campaigns: the words staff wrote, the segment they chose, and the public address links start with
-- (recorded when staff create the campaign, since the job that queues its messages has no request to ask).
CREATE TABLE messaging_campaigns (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('Email', 'Sms', 'WhatsApp')),
    subject text NULL,
    body text NOT NULL,
    -- The segment; every part is optional and they combine with AND. Dates are clinic-local (yyyy-MM-dd).
    segment_tag text NULL,
    last_visit_on_or_after text NULL,
    last_visit_before text NULL,
    service_id uuid NULL,
    link_base text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'sending', 'sent')),
    created_at timestamptz NOT NULL,
    sent_at timestamptz NULL
);
CREATE INDEX ix_messaging_campaigns_created ON messaging_campaigns (tenant_id, created_at);
SELECT clinic_isolate_tenant('messaging_campaigns');

-- Who a sent campaign goes to, fixed when staff press send; the job queues each one's message a few per minute.
CREATE TABLE messaging_campaign_recipients (
    tenant_id uuid NOT NULL,
    campaign_id uuid NOT NULL REFERENCES messaging_campaigns (id) ON DELETE CASCADE,
    client_id uuid NOT NULL,
    message_id uuid NULL,
    queued_at timestamptz NULL,
    PRIMARY KEY (tenant_id, campaign_id, client_id)
);
CREATE INDEX ix_messaging_campaign_recipients_queued ON messaging_campaign_recipients (tenant_id, queued_at);
SELECT clinic_isolate_tenant('messaging_campaign_recipients');

-- Campaigns still queueing, across clinics, for the throttling job. Not tenant-isolated, like messaging_due: ids only.
CREATE TABLE messaging_campaigns_sending (
    campaign_id uuid PRIMARY KEY REFERENCES messaging_campaigns (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL
);
