-- Clients' booking and waitlist-offer links travel sealed since ADR 0018; events written before carried them readable,
-- in the payload the outbox keeps after delivery. The links are erased; an event not yet delivered goes without its link.
UPDATE booking_outbox
SET payload = json_remove(payload, '$.manageUrl', '$.offerUrl')
WHERE type IN ('Clinic.Modules.Booking.Contracts.AppointmentBooked', 'Clinic.Modules.Booking.Contracts.WaitlistSlotOffered');
