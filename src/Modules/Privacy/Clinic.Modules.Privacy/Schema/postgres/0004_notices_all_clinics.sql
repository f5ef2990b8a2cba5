-- The job that tells clinics of a material platform policy change must know which clinics it has told already. The
-- notices are isolated per clinic, so it reads them through a view the owner role owns (see the platform's
-- clinic_open_to_owner_views), which shows ids and times only; each clinic is then told in its own transaction.
SELECT clinic_open_to_owner_views('privacy_platform_policy_notices');
CREATE VIEW privacy_platform_policy_notices_all_clinics AS SELECT tenant_id, version_id, notified_at FROM privacy_platform_policy_notices;
