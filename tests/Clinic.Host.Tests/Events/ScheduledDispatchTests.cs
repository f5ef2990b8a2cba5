using System.Net;
using System.Net.Http.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.Host.Tests.Modules;
using Clinic.Modules.Accounts.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Events;

/// <summary>The same app with its Quartz scheduler running, as in production.</summary>
public sealed class WithJobsOnSqlite : WithSampleModule
{
    public WithJobsOnSqlite()
        : base(DatabaseProvider.Sqlite)
    {
    }

    protected override bool JobsEnabled => true;
}

public sealed class WithJobsOnPostgres : WithSampleModule
{
    public WithJobsOnPostgres()
        : base(DatabaseProvider.Postgres)
    {
    }

    protected override bool JobsEnabled => true;
}

public abstract class ScheduledDispatchTests(WithSampleModule fixture)
{
    [Fact]
    public async Task The_scheduler_stores_its_jobs_in_the_clinic_database()
    {
        await using var db = await fixture.App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(null, write: false, default);

        var jobs = await db.QueryAsync<string>("SELECT job_name FROM qrtz_job_details WHERE sched_name = 'Clinic'");

        Assert.Contains("outbox-dispatch", jobs);
    }

    [Fact]
    public async Task A_committed_event_is_delivered_by_the_scheduled_dispatch_job()
    {
        using var owner = fixture.App.Browser();
        await owner.SignInAsync();
        var response = await owner.Http.PostAsJsonAsync("/api/v1/sample/notes", new { text = "Delivered by Quartz" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = (await response.Content.ReadFromJsonAsync<Created>())!.Id;
        var tenant = (await fixture.App.Services.GetRequiredService<ITenantDirectory>().SingleClinicAsync(default))!.Id;

        // Quartz keeps time by the app's clock, so the test moves it on by the job's five-second interval while it waits.
        var deliveries = 0L;
        for (var attempt = 0; attempt < 60 && deliveries == 0; attempt++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await using var db = await fixture.App.Services.GetRequiredService<ClinicDatabase>().BeginAsync(tenant, write: false, default);
            deliveries = await db.ExecuteScalarAsync<long>("SELECT deliveries FROM sample_notes WHERE id = @note", new { note });
        }

        Assert.Equal(1, deliveries);
    }

    private sealed record Created(Guid Id);
}

public sealed class ScheduledDispatchTests_on_Sqlite(WithJobsOnSqlite fixture) : ScheduledDispatchTests(fixture), IClassFixture<WithJobsOnSqlite>;

public sealed class ScheduledDispatchTests_on_Postgres(WithJobsOnPostgres fixture) : ScheduledDispatchTests(fixture), IClassFixture<WithJobsOnPostgres>;
