using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Appointments;
using Clinic.Modules.Booking.Settings;
using Clinic.Modules.Clients.Contracts;

namespace Clinic.Modules.Booking.Features.AppointmentDetails;

/// <summary>One appointment with its history, for staff to change it. Opening it is audited.</summary>
internal static class AppointmentDetails
{
    public const string AuditAction = "appointments.viewed";

    internal sealed record Change(string? From, string To, DateTimeOffset StartsAt, string By, string? Reason, DateTimeOffset At);

    internal sealed record View(
        StoredAppointment Appointment, string Client, string Provider, IReadOnlyList<StaffMember> Providers, IReadOnlyList<Change> History, BookingSettings Settings);

    internal sealed class Handler(UnitOfWork work, BookingSettings.Store settingsStore, IClientDirectory clients, IStaffDirectory staff)
    {
        public async Task<View?> HandleAsync(Guid id, CancellationToken ct)
        {
            var (appointment, history, settings, client) = await work.ReadAsync(
                async change =>
                {
                    if (await StoredAppointment.FindAsync(change.Db, id) is not { } appointment)
                        return default;

                    var history = await change.Db.QueryAsync<ChangeRow>(
                        """
                        SELECT from_status AS FromStatus, to_status AS ToStatus, starts_at AS StartsAt, actor_name AS ActorName, reason AS Reason, changed_at AS ChangedAt
                        FROM booking_appointment_changes WHERE tenant_id = @tenant_id AND appointment_id = @id ORDER BY changed_at, id
                        """,
                        new { id });
                    change.Audit(new AuditEntry(AuditAction) { ClientId = appointment.ClientId, RecordId = id });
                    return (appointment, history, await settingsStore.LoadAsync(change.Db, change.Cancellation), await clients.FindAsync(change.Db, appointment.ClientId!.Value));
                },
                ct);
            if (appointment is null)
                return null;

            var team = await staff.ActiveAsync(ct);
            return new View(
                appointment,
                client?.Name ?? "Former client",
                team.FirstOrDefault(s => s.Id == appointment.ProviderId)?.Name ?? "Former staff",
                team,
                [.. history.Select(h => new Change(
                    h.FromStatus is null ? null : Lifecycle.Label(Enum.Parse<AppointmentStatus>(h.FromStatus)),
                    Lifecycle.Label(Enum.Parse<AppointmentStatus>(h.ToStatus)),
                    settings.Local(h.StartsAt),
                    h.ActorName,
                    h.Reason,
                    settings.Local(h.ChangedAt)))],
                settings);
        }

        private sealed class ChangeRow
        {
            public string? FromStatus { get; init; }

            public string ToStatus { get; init; } = "";

            public DateTimeOffset StartsAt { get; init; }

            public string ActorName { get; init; } = "";

            public string? Reason { get; init; }

            public DateTimeOffset ChangedAt { get; init; }
        }
    }
}
