using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.Contracts;
using Clinic.Modules.Accounts.Devices;
using Clinic.Modules.Accounts.Features.OwnerSetup;
using Clinic.Modules.Accounts.SignInLinks;
using Clinic.Modules.Accounts.Staff;
using Clinic.Modules.Clients.Contracts;
using Clinic.Modules.Messaging.Channels;
using Clinic.Modules.Messaging.Features.Unsubscribe;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Two clinics where B has one of every kind of record an id can name (staff, a live session, a pending invitation,
/// an unused setup link, clients), so an attack from clinic A has real targets.
/// </summary>
public abstract class AttackedClinics(DatabaseProvider provider) : TwoClinics(provider)
{
    public const string ReceptionA = "reception@a.clinic.test";
    public const string ReceptionB = "reception@b.clinic.test";
    public const string InviteeB = "invitee@b.clinic.test";

    private Task? _prepared;
    private ClinicClient? _ownerOfA;

    /// <summary>
    /// Clinic A's owner, signed in once for all the attacks: signing in per attack would trip the sign-in rate limits.
    /// </summary>
    internal ClinicClient OwnerOfA => _ownerOfA ?? throw new InvalidOperationException("Call PrepareAsync first.");

    internal ClinicRecords RecordsOfA { get; private set; } = null!;

    internal ClinicRecords RecordsOfB { get; private set; } = null!;

    /// <summary>Creates both clinics and their records once per fixture; the tests of a class run one at a time.</summary>
    public Task PrepareAsync() => _prepared ??= PrepareOnceAsync();

    private async Task PrepareOnceAsync()
    {
        await SetUpAsync();
        RecordsOfA = await RecordsAsync(A.Id, HostA, OwnerA, ReceptionA, "Amna Reception");
        RecordsOfB = await RecordsAsync(B.Id, HostB, OwnerB, ReceptionB, "Bilal Reception");
        _ownerOfA = App.Browser(HostA);
        await _ownerOfA.SignInAsync(OwnerA);
    }

    public override async Task DisposeAsync()
    {
        _ownerOfA?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Runs <paramref name="work"/> as the clinic's own requests would, inside one transaction.</summary>
    internal Task<T> InClinicAsync<T>(Guid clinic, Func<DbSession, Task<T>> work) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().BeginAsync(default);
            var result = await work(db);
            await db.CommitAsync();
            return result;
        });

    /// <summary>Counts that change when anyone alters the clinic's staff, sessions, invitations, setup links, booking set-up, appointments or waitlist.</summary>
    internal Task<string> StateOfAsync(Guid clinic) =>
        InClinicAsync(clinic, async db => string.Join(", ", new[]
        {
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND active = TRUE"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_staff WHERE tenant_id = @tenant_id AND role = 'Owner'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_sessions WHERE tenant_id = @tenant_id AND ended_at IS NULL"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_invitations WHERE tenant_id = @tenant_id AND accepted_at IS NULL"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_setup_tokens WHERE tenant_id = @tenant_id AND used_at IS NULL"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_sign_in_links WHERE tenant_id = @tenant_id AND used_at IS NULL"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM accounts_two_factor WHERE tenant_id = @tenant_id"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_services WHERE tenant_id = @tenant_id AND name = 'Mallory'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_resources WHERE tenant_id = @tenant_id AND name = 'Mallory'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_weekly_hours WHERE tenant_id = @tenant_id"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_appointments WHERE tenant_id = @tenant_id AND status = 'Cancelled'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM booking_waitlist_entries WHERE tenant_id = @tenant_id AND status = 'Waiting'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_campaigns WHERE tenant_id = @tenant_id AND status = 'draft'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM clients_consent_changes WHERE tenant_id = @tenant_id AND source = 'Unsubscribe link'"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_callbacks WHERE tenant_id = @tenant_id AND done_at IS NULL"),
            await db.ExecuteScalarAsync<long>("SELECT count(*) FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'conversation.reply'"),
        }));

    private async Task<ClinicRecords> RecordsAsync(Guid clinic, string host, string ownerEmail, string receptionEmail, string receptionName)
    {
        await App.InScopeAsync(services => InClinicAsync(clinic, db =>
            services.GetRequiredService<StaffAccounts>().CreateAsync(db, receptionEmail, receptionName, Roles.Reception, ClinicApp.OwnerPassword)));
        using (var reception = App.Browser(host))
            await reception.SignInAsync(receptionEmail);
        using (var owner = App.Browser(host))
        {
            await owner.SignInAsync(ownerEmail);
            var invited = await owner.InviteAsync("Invitee of " + host, "invitee@" + host, Roles.Clinician);
            if (!invited.IsRedirect())
                throw new InvalidOperationException($"Inviting at {host} answered {(int)invited.StatusCode}.");
        }

        var setupLink = await App.InScopeAsync(services => InClinicAsync(clinic, db => services.GetRequiredService<OwnerSetupLink>().IssueAsync(db)));
        var clientEmail = "client@" + host;
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            "UPDATE clients_clients SET email = @clientEmail WHERE tenant_id = @tenant_id AND id = (SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1)",
            new { clientEmail }));
        using (var client = App.Browser(host))
            await client.AskForPortalLinkAsync(clientEmail);
        await App.InScopeAsync(services => InClinicAsync(clinic, async db =>
        {
            var receptionist = await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @receptionEmail", new { receptionEmail });
            return await services.GetRequiredService<SignInLinkStore>().IssueAsync(db, new SignedIn(receptionist, SignedIn.Staff, receptionEmail, receptionName), $"http://{host}/sign-in/link");
        }));
        var enquiryId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO booking_enquiries (id, tenant_id, first_name, last_name, phone, status, received_at)
            VALUES (@enquiryId, @tenant_id, 'Enquirer', @host, '+923001234567', 'new', @now)
            """,
            new { enquiryId, host, now = Clock.GetUtcNow() }));
        // Booking set-up records: a service and a room.
        await InClinicAsync(clinic, async db =>
        {
            await db.ExecuteAsync(
                "INSERT INTO booking_services (id, tenant_id, category, name, duration_minutes, price, currency) VALUES (@id, @tenant_id, 'Skin', @name, 30, 1000, 'PKR')",
                new { id = Guid.CreateVersion7(), name = "Treatment of " + host });
            return await db.ExecuteAsync(
                "INSERT INTO booking_resources (id, tenant_id, name, kind, resource_type) VALUES (@id, @tenant_id, @name, 'room', 'Laser room')",
                new { id = Guid.CreateVersion7(), name = "Room of " + host });
        });
        // An appointment of the clinic's first client with its owner, tomorrow.
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO booking_appointments (id, tenant_id, client_id, service_id, provider_id, starts_at, ends_at, blocked_from, blocked_until, status, created_at, updated_at)
            SELECT @id, @tenant_id, (SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1),
                   (SELECT id FROM booking_services WHERE tenant_id = @tenant_id AND name = @service),
                   (SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @ownerEmail), @starts, @ends, @starts, @ends, 'Confirmed', @now, @now
            """,
            new { id = Guid.CreateVersion7(), service = "Treatment of " + host, ownerEmail, starts = Clock.GetUtcNow().AddDays(1), ends = Clock.GetUtcNow().AddDays(1).AddMinutes(30), now = Clock.GetUtcNow() }));
        // The same client waiting for the same service.
        var waitlistEntryId = Guid.CreateVersion7();
        await InClinicAsync(clinic, async db =>
        {
            await db.ExecuteAsync(
                """
                INSERT INTO booking_waitlist_entries (id, tenant_id, client_id, service_id, provider_id, source, status, created_at)
                SELECT @waitlistEntryId, @tenant_id, (SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1),
                       (SELECT id FROM booking_services WHERE tenant_id = @tenant_id AND name = @service), NULL, 'staff', 'Waiting', @now
                """,
                new { waitlistEntryId, service = "Treatment of " + host, now = Clock.GetUtcNow() });
            return await db.ExecuteAsync(
                "INSERT INTO booking_waitlist_windows (tenant_id, entry_id, position, weekdays, from_minute, to_minute) VALUES (@tenant_id, @waitlistEntryId, 0, 127, 0, 1440)",
                new { waitlistEntryId });
        });
        // A message to that client that failed, so staff could retry it.
        var messageId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO messaging_messages (id, tenant_id, idempotency_key, kind, purpose, urgent, direction, client_id, data, channel, recipient, subject, body,
                status, status_detail, attempts, next_attempt_at, created_at, updated_at)
            SELECT @messageId, @tenant_id, @key, 'appointment.confirmation', 'transactional', TRUE, 'out', id, '{}', 'Email', @clientEmail, @subject, 'Words',
                'Failed', 'refused', 1, @now, @now, @now
            FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1
            """,
            new { messageId, key = "attack:" + host, clientEmail, subject = "Message of " + host, now = Clock.GetUtcNow() }));
        // The client asked for a call back by replying R.
        var callbackId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO messaging_callbacks (id, tenant_id, client_id, message_id, requested_at)
            SELECT @callbackId, @tenant_id, client_id, id, @now FROM messaging_messages WHERE tenant_id = @tenant_id AND id = @messageId
            """,
            new { callbackId, messageId, now = Clock.GetUtcNow() }));
        // A draft campaign, and an unsubscribe link for the client.
        var campaignId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO messaging_campaigns (id, tenant_id, name, channel, subject, body, link_base, status, created_at)
            VALUES (@campaignId, @tenant_id, @name, 'Email', 'Offers', 'Words', @linkBase, 'draft', @now)
            """,
            new { campaignId, name = "Campaign of " + host, linkBase = "http://" + host, now = Clock.GetUtcNow() }));
        // A published privacy policy, whose words only this clinic's pages may show.
        var policyVersionId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO privacy_policy_versions (id, tenant_id, kind, version, body, material_change, summary, published_at, published_by)
            VALUES (@policyVersionId, @tenant_id, 'privacy', 1, @body, FALSE, NULL, @now, 'Owner')
            """,
            new { policyVersionId, body = "# Policy of " + host, now = Clock.GetUtcNow() }));
        // An event its subscriber kept failing, set aside for the owner to retry.
        var undeliveredEventId = Guid.CreateVersion7();
        await InClinicAsync(clinic, db => db.ExecuteAsync(
            """
            INSERT INTO clients_outbox (id, tenant_id, type, payload, occurred_at, attempts, last_error, dead_lettered_at)
            VALUES (@undeliveredEventId, @tenant_id, @type, '{}', @now, 10, 'MoveAppointmentsWhenClientsMerged failed: TimeoutException', @now)
            """,
            new { undeliveredEventId, type = EventNames.Of<ClientsMerged>(), now = Clock.GetUtcNow() }));
        var firstClient = await InClinicAsync(clinic, db => db.ExecuteScalarAsync<Guid>("SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1"));
        var unsubscribeToken = new Uri(App.Services.GetRequiredService<UnsubscribeLinks>().UrlFor("http://" + host, clinic, firstClient, ChannelKind.Email)).Segments[^1];
        return await InClinicAsync(clinic, async db => new ClinicRecords(
            OwnerId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @ownerEmail", new { ownerEmail }),
            ReceptionistId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM accounts_staff WHERE tenant_id = @tenant_id AND email = @receptionEmail", new { receptionEmail }),
            ReceptionistSessionId: await db.ExecuteScalarAsync<Guid>(
                """
                SELECT s.id FROM accounts_sessions s JOIN accounts_staff m ON m.tenant_id = s.tenant_id AND m.id = s.staff_id
                WHERE s.tenant_id = @tenant_id AND m.email = @receptionEmail AND s.ended_at IS NULL
                """,
                new { receptionEmail }),
            InvitationToken: InvitationToken(await db.QueryAsync<string>(
                "SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type",
                new { type = EventNames.Of<StaffInvited>() })),
            SetupToken: new Uri(setupLink).Segments[^1],
            StaffSignInToken: SignInToken(await LinkPayloadsAsync(db), SignedIn.Staff),
            PortalSignInToken: SignInToken(await LinkPayloadsAsync(db), SignedIn.Client),
            ClientId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM clients_clients WHERE tenant_id = @tenant_id ORDER BY last_name LIMIT 1"),
            EnquiryId: enquiryId,
            ServiceId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_services WHERE tenant_id = @tenant_id AND name = @name", new { name = "Treatment of " + host }),
            ResourceId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_resources WHERE tenant_id = @tenant_id AND name = @name", new { name = "Room of " + host }),
            AppointmentId: await db.ExecuteScalarAsync<Guid>("SELECT id FROM booking_appointments WHERE tenant_id = @tenant_id"),
            WaitlistEntryId: waitlistEntryId,
            MessageId: messageId,
            CampaignId: campaignId,
            CallbackId: callbackId,
            UnsubscribeToken: unsubscribeToken,
            PolicyVersionId: policyVersionId,
            UndeliveredEventId: undeliveredEventId,
            Marks: ["Policy of " + host, "Campaign of " + host, "Clinic " + host[0].ToString().ToUpperInvariant(), host, receptionName, "Invitee of " + host, "Treatment of " + host, "Room of " + host, "Message of " + host]));
    }

    private static Task<IReadOnlyList<string>> LinkPayloadsAsync(DbSession db) =>
        db.QueryAsync<string>("SELECT payload FROM accounts_outbox WHERE tenant_id = @tenant_id AND type = @type", new { type = EventNames.Of<SignInLinkRequested>() });

    private string SignInToken(IReadOnlyList<string> payloads, string audience) =>
        new Uri(App.OpenLink(payloads.Select(p => JsonDocument.Parse(p).RootElement).Single(p => p.GetProperty("audience").GetString() == audience)
            .GetProperty("signInUrl"))).Segments[^1];

    private string InvitationToken(IReadOnlyList<string> payloads) =>
        new Uri(App.OpenLink(JsonDocument.Parse(payloads.Single()).RootElement.GetProperty("acceptUrl"))).Segments[^1];
}

/// <summary>
/// One clinic's records as an attacker would target them, and <see cref="Marks"/>: text from them that no other
/// clinic's page may ever show.
/// </summary>
internal sealed record ClinicRecords(
    Guid OwnerId,
    Guid ReceptionistId,
    Guid ReceptionistSessionId,
    string InvitationToken,
    string SetupToken,
    string StaffSignInToken,
    string PortalSignInToken,
    Guid ClientId,
    Guid EnquiryId,
    Guid ServiceId,
    Guid ResourceId,
    Guid AppointmentId,
    Guid WaitlistEntryId,
    Guid MessageId,
    Guid CampaignId,
    Guid CallbackId,
    string UnsubscribeToken,
    Guid PolicyVersionId,
    Guid UndeliveredEventId,
    IReadOnlyList<string> Marks);

public sealed class AttackedClinicsOnSqlite() : AttackedClinics(DatabaseProvider.Sqlite);

public sealed class AttackedClinicsOnPostgres() : AttackedClinics(DatabaseProvider.Postgres);
