using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Booking.Appointments;

/// <summary>An appointment as stored, read inside the caller's transaction.</summary>
internal sealed class StoredAppointment
{
    public Guid Id { get; init; }

    public Guid? ClientId { get; init; }

    public Guid ServiceId { get; init; }

    public string Service { get; init; } = "";

    public decimal Price { get; init; }

    public string Currency { get; init; } = "";

    public Guid ProviderId { get; init; }

    public Guid? ResourceId { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string StatusText { get; init; } = "";

    public string Source { get; init; } = "";

    public string? Notes { get; init; }

    public string? CancelReason { get; init; }

    public bool LateCancel { get; init; }

    public int Sequence { get; init; }

    public AppointmentStatus Status => Enum.Parse<AppointmentStatus>(StatusText);

    public int DurationMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    /// <summary>The appointment, unless it is only a hold (which staff never open) or belongs to another clinic.</summary>
    public static Task<StoredAppointment?> FindAsync(DbSession db, Guid id) =>
        db.QuerySingleOrDefaultAsync<StoredAppointment>(
            """
            SELECT a.id AS Id, a.client_id AS ClientId, a.service_id AS ServiceId, s.name AS Service, s.price AS Price, s.currency AS Currency,
                   a.provider_id AS ProviderId, a.resource_id AS ResourceId, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
                   a.status AS StatusText, a.source AS Source, a.notes AS Notes, a.cancel_reason AS CancelReason,
                   a.late_cancel AS LateCancel, a.sequence AS Sequence
            FROM booking_appointments a
            JOIN booking_services s ON s.id = a.service_id AND s.tenant_id = a.tenant_id
            WHERE a.tenant_id = @tenant_id AND a.id = @id AND a.status <> 'Held'
            """,
            new { id });
}
