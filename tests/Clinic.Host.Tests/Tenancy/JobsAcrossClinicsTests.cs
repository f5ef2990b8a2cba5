using Clinic.BuildingBlocks.Data;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Booking.Reminders;
using Clinic.Modules.Booking.Waitlist;
using Clinic.Modules.Messaging.Dispatch;
using Clinic.Modules.Messaging.Features.Campaigns;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Tenancy;

/// <summary>
/// The background jobs find their work in every clinic, though on PostgreSQL each clinic's rows are hidden from the
/// application role unless that clinic is set: they look across clinics only through the ids-and-times views.
/// </summary>
public abstract class JobsAcrossClinicsTests(BusyClinics clinics) : IAsyncLifetime
{
    public Task InitializeAsync() => clinics.BusyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reminders_expired_offers_campaigns_and_messages_are_handled_for_every_clinic()
    {
        // 09:30 on the booked day: the 11:00 and 13:00 appointments' day-ahead reminders and the 11:00 one's two-hour
        // reminder are due, and the waitlist offer made on the first morning expired long ago.
        clinics.SetNow(BusyClinics.At(clinics.BookedDay, 9).AddMinutes(30));

        await clinics.App.RunJobsAsync(
            PublishDueReminders.Name, PassOnExpiredOffers.Name, QueueCampaignMessages.Name, "outbox-dispatch", DispatchMessages.Name);

        foreach (var clinic in new[] { clinics.A, clinics.B })
        {
            var outcome = await OutcomeAsync(clinic);
            Assert.Equal(new Outcome(Reminders: 3, ExpiredOffers: 1, SentCampaigns: 1, CampaignMessages: 1, MessagesDue: 0), outcome);
        }
    }

    private Task<Outcome> OutcomeAsync(ClinicTenant clinic) =>
        clinics.InClinicAsync(clinic, async db => new Outcome(
            await CountAsync(db, "SELECT count(*) FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'appointment.reminder'"),
            await CountAsync(db, "SELECT count(*) FROM booking_waitlist_offers WHERE tenant_id = @tenant_id AND status = 'Expired'"),
            await CountAsync(db, "SELECT count(*) FROM messaging_campaigns WHERE tenant_id = @tenant_id AND status = 'sent'"),
            await CountAsync(db, "SELECT count(*) FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'marketing.campaign'"),
            await CountAsync(db, "SELECT count(*) FROM messaging_due WHERE tenant_id = @tenant_id AND due_at <= @now", new { now = clinics.Clock.GetUtcNow() })));

    private static async Task<long> CountAsync(DbSession db, string sql, object? parameters = null) =>
        await db.ExecuteScalarAsync<long>(sql, parameters);

    private sealed record Outcome(long Reminders, long ExpiredOffers, long SentCampaigns, long CampaignMessages, long MessagesDue);
}

public sealed class JobsAcrossClinicsTests_on_Sqlite(BusyClinicsOnSqlite clinics)
    : JobsAcrossClinicsTests(clinics), IClassFixture<BusyClinicsOnSqlite>;

public sealed class JobsAcrossClinicsTests_on_Postgres(BusyClinicsOnPostgres clinics)
    : JobsAcrossClinicsTests(clinics), IClassFixture<BusyClinicsOnPostgres>;
