using Clinic.BuildingBlocks.Data;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Every route the running app accepts posts at (pages with forms and endpoints alike, in the SaaS edition with the
/// operator console) is posted hostile values; none may answer 5xx, so the next page cannot bring back a crash on
/// input; so are the query parameters of every page. See <see cref="HostileInputSweep"/> for what is sent.
/// </summary>
public abstract class HostileInputSweepTests(SweptClinics clinics) : IAsyncLifetime
{
    public Task InitializeAsync() => clinics.PrepareSweepAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task No_hostile_post_to_any_form_or_endpoint_answers_5xx()
    {
        var sweep = await clinics.SweepAsync();

        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Count} hostile requests answered 5xx:\n" + string.Join("\n", sweep.Failures.Take(40)));
    }

    [Fact]
    public async Task The_sweep_reaches_every_route_that_takes_posts_and_the_fields_of_the_forms_there()
    {
        var sweep = await clinics.SweepAsync();

        Assert.Empty(clinics.PostRoutes().Except(sweep.RoutesPosted, StringComparer.Ordinal));
        Assert.True(sweep.SessionsLost.Count == 0, "Hostile posts ended the sweeping visitor's session at: " + string.Join(", ", sweep.SessionsLost));
        Assert.Contains("/webhooks/twilio/inbound", sweep.RoutesPosted);
        Assert.Contains("/platform/clinics", sweep.RoutesPosted);
        Assert.Contains("Input.Hours[0].Weekday", sweep.FieldsPosted);
        Assert.Contains("Input.Hours[99].Weekday", sweep.FieldsPosted);
        Assert.Contains("Saved", sweep.QueriesSent);
        Assert.True(sweep.FormsSwept >= 40, $"Only {sweep.FormsSwept} forms were found to sweep ({sweep.Posts} posts).");
    }
}

public sealed class HostileInputSweepTests_on_Sqlite(SweptClinicsOnSqlite clinics) : HostileInputSweepTests(clinics), IClassFixture<SweptClinicsOnSqlite>;

public sealed class HostileInputSweepTests_on_Postgres(SweptClinicsOnPostgres clinics) : HostileInputSweepTests(clinics), IClassFixture<SweptClinicsOnPostgres>;

public sealed class SweptClinicsOnSqlite() : SweptClinics(DatabaseProvider.Sqlite);

public sealed class SweptClinicsOnPostgres() : SweptClinics(DatabaseProvider.Postgres);
