using Clinic.Host.Tests.Audit;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Charting;

/// <summary>Treatment notes are clinical records: the list of recent notes records whose notes each viewer saw.</summary>
public abstract class TreatmentNotesAuditTests(AppFixture fixture)
{
    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Opening_the_recent_notes_records_one_read_for_each_client_whose_notes_are_shown()
    {
        var ayesha = await ClientWithNotesAsync("Ayesha", "Laser session 1 of 6", "Laser session 2 of 6");
        var hira = await ClientWithNotesAsync("Hira", "Chemical peel, mild redness");
        using var owner = App.Browser();
        await owner.SignInAsync();
        var ownerId = await App.StaffIdAsync(ClinicApp.OwnerEmail);

        var recorded = await App.RecordedDuringAsync(async () =>
        {
            var (response, page) = await owner.GetPageAsync("/charts");
            Assert.True(response.IsSuccessStatusCode, $"/charts answered {(int)response.StatusCode}.");
            Assert.Contains("Chemical peel, mild redness", page.QuerySelector("table.data")!.TextContent, StringComparison.Ordinal);
        });

        var reads = recorded.Where(e => e.Action == "charts.notes_read").ToList();
        Assert.Equal(recorded.Count, reads.Count);
        Assert.Equal(new[] { ayesha, hira }.Order(), reads.Select(e => e.ClientId!.Value).Order());
        Assert.All(reads, e => Assert.Equal(("success", ownerId), (e.Outcome, e.ActorId)));
    }

    private async Task<Guid> ClientWithNotesAsync(string firstName, params string[] summaries)
    {
        var client = Guid.CreateVersion7();
        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await App.InClinicAsync(async db =>
        {
            await db.ExecuteAsync(
                "INSERT INTO clients_clients (id, tenant_id, first_name, last_name, created_at) VALUES (@client, @tenant_id, @firstName, 'Notes', @now)",
                new { client, firstName, now });
            foreach (var summary in summaries)
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO charting_notes (id, tenant_id, client_id, author_id, summary, written_at)
                    VALUES (@id, @tenant_id, @client, @author, @summary, @now)
                    """,
                    new { id = Guid.CreateVersion7(), client, author = Guid.CreateVersion7(), summary, now });
            }

            return 0;
        });
        return client;
    }
}

public sealed class TreatmentNotesAuditTests_on_Sqlite(AuditedSqliteApp fixture) : TreatmentNotesAuditTests(fixture), IClassFixture<AuditedSqliteApp>;

public sealed class TreatmentNotesAuditTests_on_Postgres(AuditedPostgresApp fixture) : TreatmentNotesAuditTests(fixture), IClassFixture<AuditedPostgresApp>;
