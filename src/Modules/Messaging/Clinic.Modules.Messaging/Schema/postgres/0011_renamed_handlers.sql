-- The inbox remembers which handler has handled which event by the handler's full name. Messaging's handlers were
-- renamed for what they do (SendAppointmentMessages, ...): their rows take the new names, or an event delivered again
-- (another subscriber failed, the dispatcher retries) would be handled again and a client messaged twice.
-- The owner runs this and row-level security binds it on the inbox, so it is lifted for the update.
ALTER TABLE messaging_inbox NO FORCE ROW LEVEL SECURITY;
UPDATE messaging_inbox
SET handler = 'Clinic.Modules.Messaging.Consumers.' ||
    CASE handler
        WHEN 'Clinic.Modules.Messaging.Consumers.ConsultationMessages' THEN 'AcknowledgeConsultationRequest'
        WHEN 'Clinic.Modules.Messaging.Consumers.AccountMessages' THEN 'SendAccountEmails'
        WHEN 'Clinic.Modules.Messaging.Consumers.AppointmentMessages' THEN 'SendAppointmentMessages'
        WHEN 'Clinic.Modules.Messaging.Consumers.WaitlistOfferMessages' THEN 'SendWaitlistOffer'
        WHEN 'Clinic.Modules.Messaging.Consumers.PolicyMessages' THEN 'TellOwnersOfPolicyChanges'
    END
WHERE handler IN (
    'Clinic.Modules.Messaging.Consumers.ConsultationMessages',
    'Clinic.Modules.Messaging.Consumers.AccountMessages',
    'Clinic.Modules.Messaging.Consumers.AppointmentMessages',
    'Clinic.Modules.Messaging.Consumers.WaitlistOfferMessages',
    'Clinic.Modules.Messaging.Consumers.PolicyMessages');
ALTER TABLE messaging_inbox FORCE ROW LEVEL SECURITY;
