using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.Modules.Booking.Availability;
using Clinic.Modules.Booking.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Services;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>Evidence kept with an online booking against chargebacks and disputes.</summary>
internal sealed record BookingEvidence(int PolicyVersion, string? Ip, string? UserAgent);

/// <summary>A new live appointment in a slot <see cref="Placement"/> found.</summary>
internal sealed record NewAppointment(
    Guid ClientId,
    Service Service,
    Slot Slot,
    int DurationMinutes,
    AppointmentStatus Status,
    string Source,
    string? Notes,
    BookingEvidence? Evidence);

/// <summary>Writes appointments and what goes with every one: its history, its reminders and the event for other modules.</summary>
internal sealed class AppointmentRows(ReminderPlan reminders, SecretSeal seal)
{
    /// <summary>Inserts the appointment and returns its id. On PostgreSQL a lost race throws (see <see cref="Placement.IsOverlap"/>).</summary>
    public async Task<Guid> InsertAsync(DbSession db, NewAppointment appointment, ChangedBy by, string linkBase, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var token = SecretToken.Create();
        var service = appointment.Service;
        var start = appointment.Slot.StartsAt;
        var end = start.AddMinutes(appointment.DurationMinutes);
        await db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, resource_id, starts_at, ends_at, blocked_from, blocked_until,
                status, source, notes, token_hash, policy_version, booked_ip, booked_user_agent, created_at, updated_at)
            VALUES (@id, @tenant_id, @clientId, @serviceId, @providerId, @resourceId, @start, @end, @blockedFrom, @blockedUntil,
                @status, @source, @notes, @tokenHash, @policyVersion, @ip, @userAgent, @now, @now)
            """,
            new
            {
                id,
                clientId = appointment.ClientId,
                serviceId = service.Id,
                providerId = appointment.Slot.ProviderId,
                resourceId = appointment.Slot.ResourceId,
                start,
                end,
                blockedFrom = start.AddMinutes(-service.BufferBeforeMinutes),
                blockedUntil = end.AddMinutes(service.BufferAfterMinutes),
                status = appointment.Status.ToString(),
                source = appointment.Source,
                notes = appointment.Notes,
                tokenHash = SecretToken.Hash(token),
                policyVersion = appointment.Evidence?.PolicyVersion,
                ip = appointment.Evidence?.Ip,
                userAgent = appointment.Evidence?.UserAgent,
                now,
            });
        await AnnounceAsync(db, id, appointment.ClientId, service, appointment.Slot.ProviderId, start, end, appointment.Status, appointment.Source, from: null, by, ManageUrl(linkBase, token), now);
        return id;
    }

    /// <summary>
    /// Takes the live hold whose secret hashes to <paramref name="holdHash"/> for this transaction, or returns null. The
    /// guard on the status makes a second completion of the same hold find nothing: on PostgreSQL it waits for the
    /// first to commit and then reads the row again, on SQLite the first has already committed.
    /// </summary>
    public static Task<HeldSlot?> ClaimHoldAsync(DbSession db, string holdHash, DateTimeOffset now) =>
        db.QuerySingleOrDefaultAsync<HeldSlot>(
            """
            UPDATE booking_appointments SET updated_at = @now
            WHERE tenant_id = @tenant_id AND token_hash = @holdHash AND status = 'Held' AND hold_expires_at > @now
            RETURNING id AS Id, service_id AS ServiceId, provider_id AS ProviderId, starts_at AS StartsAt, ends_at AS EndsAt, hold_expires_at AS ExpiresAt
            """,
            new { holdHash, now });

    /// <summary>
    /// Turns a hold claimed in this transaction into the client's appointment, with the evidence shown to them and
    /// <paramref name="manageToken"/> as the secret of their manage link; the hold's own link now says it was taken.
    /// </summary>
    public async Task BookHeldAsync(
        DbSession db, HeldSlot held, string holdHash, Guid clientId, Service service, AppointmentStatus status, string? notes, BookingEvidence evidence,
        string manageToken, string linkBase, DateTimeOffset now)
    {
        await db.ExecuteAsync(
            """
            UPDATE booking_appointments
            SET client_id = @clientId, status = @status, source = 'online', notes = @notes, token_hash = @tokenHash, hold_expires_at = NULL, visitor_hash = NULL,
                policy_version = @policyVersion, booked_ip = @ip, booked_user_agent = @userAgent, updated_at = @now
            WHERE tenant_id = @tenant_id AND id = @heldId AND status = 'Held'
            """,
            new
            {
                heldId = held.Id,
                clientId,
                status = status.ToString(),
                notes,
                tokenHash = SecretToken.Hash(manageToken),
                policyVersion = evidence.PolicyVersion,
                ip = evidence.Ip,
                userAgent = evidence.UserAgent,
                now,
            });
        await TakenHolds.RememberAsync(db, holdHash, held.ExpiresAt);
        await AnnounceAsync(db, held.Id, clientId, service, held.ProviderId, held.StartsAt, held.EndsAt, status, "online", AppointmentStatus.Held, ChangedBy.Client, ManageUrl(linkBase, manageToken), now);
    }

    /// <summary>What goes with every new booking: its history, its reminders and the event for other modules.</summary>
    private async Task AnnounceAsync(
        DbSession db, Guid id, Guid clientId, Service service, Guid providerId, DateTimeOffset start, DateTimeOffset end,
        AppointmentStatus status, string source, AppointmentStatus? from, ChangedBy by, string manageUrl, DateTimeOffset now)
    {
        await AppointmentLog.WriteAsync(db, id, from, status, start, by, now);
        await reminders.ScheduleAsync(db, id, start, now);
        await db.PublishAsync(new AppointmentBooked(id, clientId, service.Id, service.Name, providerId, start, end, status.ToString(), source, seal.Seal(manageUrl)));
    }

    /// <summary>The client's secret link to see, move or cancel their appointment.</summary>
    public static string ManageUrl(string linkBase, string token) => $"{linkBase}/booking/manage/{token}";
}

/// <summary>A hold claimed for completion: which row, whose time, and when the hold would have run out.</summary>
internal sealed class HeldSlot
{
    public Guid Id { get; init; }

    public Guid ServiceId { get; init; }

    public Guid ProviderId { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
