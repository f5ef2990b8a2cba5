-- Clients' booking and waitlist-offer links travel sealed since ADR 0018; events written before carried them readable,
-- in the payload the outbox keeps after delivery. The links are erased; an event not yet delivered goes without its link.
-- The owner runs this; should row-level security bind the owner on the outbox by now, it is lifted while it runs.
DO $$
DECLARE
    forced boolean := row_security_active('booking_outbox');
BEGIN
    IF forced THEN
        ALTER TABLE booking_outbox NO FORCE ROW LEVEL SECURITY;
    END IF;
    UPDATE booking_outbox
    SET payload = (payload::jsonb - 'manageUrl' - 'offerUrl')::text
    WHERE type IN ('Clinic.Modules.Booking.Contracts.AppointmentBooked', 'Clinic.Modules.Booking.Contracts.WaitlistSlotOffered');
    IF forced THEN
        ALTER TABLE booking_outbox FORCE ROW LEVEL SECURITY;
    END IF;
END $$;
