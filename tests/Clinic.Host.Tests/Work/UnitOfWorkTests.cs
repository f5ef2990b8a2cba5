using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Work;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Clinic.Host.Tests.Work;

/// <summary>
/// The unit of work on a real database: a refused or failed change leaves nothing behind, not even its audit entry
/// or event, and a transaction that loses a lock race runs again and commits once.
/// </summary>
public abstract class UnitOfWorkTests(AppFixture fixture)
{
    private WorkClinicApp App => (WorkClinicApp)fixture.App;

    [Fact]
    public async Task A_done_change_commits_its_row_its_audit_entry_and_its_event_together()
    {
        var id = Guid.CreateVersion7();

        var outcome = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(id, "Done", Ending.Done));

        Assert.Equal(OutcomeKind.Done, outcome.Kind);
        Assert.Equal((1, 1, 1), await LeftBehindAsync(id));
    }

    [Fact]
    public async Task A_handler_that_throws_leaves_no_row_no_audit_entry_and_no_event()
    {
        var id = Guid.CreateVersion7();

        await Assert.ThrowsAsync<InvalidOperationException>(() => App.RunAsync<AddClientThen, Guid>(new AddClientThen(id, "Throws", Ending.Throws)));

        Assert.Equal((0, 0, 0), await LeftBehindAsync(id));
    }

    [Fact]
    public async Task A_conflict_answers_409_and_rolls_back_the_row_the_audit_entry_and_the_event()
    {
        var id = Guid.CreateVersion7();

        var outcome = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(id, "Conflict", Ending.Conflict));

        Assert.Equal(409, outcome.StatusCode);
        Assert.Equal("Someone else changed this client first.", outcome.Errors.For(""));
        Assert.Equal((0, 0, 0), await LeftBehindAsync(id));
    }

    [Fact]
    public async Task A_refusal_marked_recorded_answers_400_and_still_commits_its_row_its_audit_entry_and_its_event()
    {
        var id = Guid.CreateVersion7();

        var outcome = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(id, "Recorded", Ending.RecordedRefusal));

        Assert.Equal(400, outcome.StatusCode);
        Assert.False(outcome.Succeeded);
        Assert.Equal("Refused, and the attempt kept.", outcome.Errors.For(nameof(AddClientThen.LastName)));
        Assert.Equal((1, 1, 1), await LeftBehindAsync(id));
    }

    [Fact]
    public async Task A_command_its_validator_refuses_answers_400_naming_the_field_and_is_never_handled()
    {
        var id = Guid.CreateVersion7();

        var outcome = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(id, "", Ending.Done));

        Assert.Equal(400, outcome.StatusCode);
        Assert.Equal("Enter a last name.", outcome.Errors.For(nameof(AddClientThen.LastName)));
        Assert.Equal((0, 0, 0), await LeftBehindAsync(id));
    }

    [Fact]
    public async Task A_JSON_endpoint_answers_each_outcome_with_its_status_and_the_fields_at_fault()
    {
        var done = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(Guid.CreateVersion7(), "Json", Ending.Done));
        var invalid = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(Guid.CreateVersion7(), "", Ending.Done));
        var conflict = await App.RunAsync<AddClientThen, Guid>(new AddClientThen(Guid.CreateVersion7(), "Json", Ending.Conflict));

        var (doneStatus, doneBody, _) = await AnswerAsync(done.ToHttpResult());
        var (createdStatus, _, location) = await AnswerAsync(Outcome.Created(done.Value).ToHttpResult(id => $"/api/v1/clients/{id}"));
        var (invalidStatus, invalidBody, _) = await AnswerAsync(invalid.ToHttpResult());
        var (notFoundStatus, _, _) = await AnswerAsync(((Outcome<Guid>)Outcome.NotFound).ToHttpResult());
        var (conflictStatus, conflictBody, _) = await AnswerAsync(conflict.ToHttpResult());

        Assert.Equal((200, $"\"{done.Value}\""), (doneStatus, doneBody));
        Assert.Equal((201, $"/api/v1/clients/{done.Value}"), (createdStatus, location));
        Assert.Equal(400, invalidStatus);
        Assert.Equal("Enter a last name.", JsonDocument.Parse(invalidBody).RootElement.GetProperty("errors").GetProperty("LastName")[0].GetString());
        Assert.Equal(404, notFoundStatus);
        Assert.Equal(409, conflictStatus);
        Assert.Equal("Someone else changed this client first.", JsonDocument.Parse(conflictBody).RootElement.GetProperty("errors").GetProperty("")[0].GetString());
    }

    [Fact]
    public async Task A_transaction_that_loses_a_lock_race_runs_again_and_commits_once()
    {
        var last = NewLastName();
        var (a, b) = (Random.Shared.NextInt64(), Random.Shared.NextInt64());
        // PostgreSQL: two writers take the same two locks in opposite orders, a real deadlock. SQLite has one write
        // lock, so the writers queue instead; there a second connection finds it taken and is told SQLITE_BUSY.
        var meeting = new Meeting(2);
        ContendForLocks[] writers = App.Provider == DatabaseProvider.Postgres
            ? [new(last, a, b, meeting), new(last, b, a, meeting)]
            : [new(last, a, b, meeting)];

        var outcomes = await Task.WhenAll(writers.Select(w => App.RunAsync<ContendForLocks, Guid>(w)));

        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Done, o.Kind));
        Assert.Equal(writers.Length + 1, writers.Sum(w => w.Attempts));
        Assert.Equal(writers.Length, await CountAsync("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND last_name = @last", new { last }));
        foreach (var outcome in outcomes)
            Assert.Equal((1, 1, 0), await LeftBehindAsync(outcome.Value));
    }

    private static string NewLastName() => "Work" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The client row <paramref name="id"/>, and the audit entries (chained or still waiting) and outbox events about it.</summary>
    private async Task<(long Rows, long Entries, long Events)> LeftBehindAsync(Guid id) =>
        (await CountAsync("SELECT count(*) FROM clients_clients WHERE tenant_id = @tenant_id AND id = @id", new { id }),
            await CountAsync(
                """
                SELECT (SELECT count(*) FROM accounts_audit_entries WHERE tenant_id = @tenant_id AND client_id = @id)
                    + (SELECT count(*) FROM accounts_audit_pending WHERE tenant_id = @tenant_id AND client_id = @id)
                """,
                new { id }),
            await CountAsync("SELECT count(*) FROM clients_outbox WHERE tenant_id = @tenant_id AND payload LIKE @pattern", new { pattern = $"%{id}%" }));

    /// <summary>What the result writes to a response, as the endpoint would send it.</summary>
    private async Task<(int Status, string Body, string? Location)> AnswerAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = App.Services };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body);
        return (http.Response.StatusCode, await reader.ReadToEndAsync(), http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null);
    }

    private Task<long> CountAsync(string sql, object parameters) => App.InClinicAsync(db => db.ExecuteScalarAsync<long>(sql, parameters));
}

public sealed class UnitOfWorkTests_on_Sqlite(WorkSqliteApp fixture) : UnitOfWorkTests(fixture), IClassFixture<WorkSqliteApp>;

public sealed class UnitOfWorkTests_on_Postgres(WorkPostgresApp fixture) : UnitOfWorkTests(fixture), IClassFixture<WorkPostgresApp>;
