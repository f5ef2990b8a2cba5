-- The views through which the jobs find work in every clinic; on PostgreSQL they are the jobs' only way to see across
-- clinics (the tables are isolated by row-level security), so both engines run the same queries.
CREATE VIEW messaging_due_all_clinics AS SELECT tenant_id, message_id, due_at FROM messaging_due;
CREATE VIEW messaging_campaigns_sending_all_clinics AS SELECT tenant_id, campaign_id FROM messaging_campaigns_sending;
