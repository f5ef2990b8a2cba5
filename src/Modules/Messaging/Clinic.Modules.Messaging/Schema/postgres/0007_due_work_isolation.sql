-- The dispatcher's work list and the campaigns being sent are a clinic's rows like any other (issue 14): the jobs
-- that find work in every clinic read them through views the owner role owns (see the platform's
-- clinic_open_to_owner_views), which show ids and times only, and handle each clinic inside its own transaction.
SELECT clinic_isolate_tenant('messaging_due');
SELECT clinic_open_to_owner_views('messaging_due');
CREATE VIEW messaging_due_all_clinics AS SELECT tenant_id, message_id, due_at FROM messaging_due;

SELECT clinic_isolate_tenant('messaging_campaigns_sending');
SELECT clinic_open_to_owner_views('messaging_campaigns_sending');
CREATE VIEW messaging_campaigns_sending_all_clinics AS SELECT tenant_id, campaign_id FROM messaging_campaigns_sending;
