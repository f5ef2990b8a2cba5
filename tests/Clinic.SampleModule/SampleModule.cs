using Clinic.BuildingBlocks.Events;
using Clinic.BuildingBlocks.Modules;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ClinicModule(typeof(Clinic.SampleModule.SampleModule))]
[assembly: IntegrationEventsOf("Sample")]

namespace Clinic.SampleModule;

/// <summary>A note was added; the module also handles it itself, to prove delivery through the outbox.</summary>
[EventName("sample.note-added.v1")]
public sealed record SampleNoteAdded(Guid NoteId, string Text) : IntegrationEvent;

/// <summary>The smallest useful module: one table, one API route, one page, one event handler.</summary>
public sealed class SampleModule : IClinicModule
{
    public const string Permission = "sample.use";

    public string Name => "Sample";

    public IReadOnlyList<string> DependsOn => ["Accounts"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermission(Permission, "Use the sample module", Roles.Owner);
        services.AddIntegrationEventHandler<SampleNoteAdded, CountWhenSampleNoteAdded>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var notes = endpoints.MapGroup("/api/v1/sample/notes");
        notes.MapGet("/", async (TenantDb tenantDb, CancellationToken ct) =>
        {
            await using var db = await tenantDb.ReadAsync(ct);
            return Results.Ok(await db.QueryAsync<string>("SELECT text FROM sample_notes WHERE tenant_id = @tenant_id ORDER BY id"));
        }).RequirePermission(Permission);

        notes.MapPost("/", async (NewNote note, TenantDb tenantDb, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(note.Text))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Enter the note's text."] });
            var id = Guid.CreateVersion7();
            await using var db = await tenantDb.BeginAsync(ct);
            await db.ExecuteAsync("INSERT INTO sample_notes (id, tenant_id, text) VALUES (@id, @tenant_id, @text)", new { id, text = note.Text });
            await db.PublishAsync(new SampleNoteAdded(id, note.Text));
            await db.CommitAsync();
            return Results.Created($"/api/v1/sample/notes/{id}", new { id });
        }).RequirePermission(Permission);

        notes.MapPut("/{id:guid}", async (Guid id, NewNote note, TenantDb tenantDb, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(note.Text))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Enter the note's text."] });
            await using var db = await tenantDb.BeginAsync(ct);
            var changed = await db.ExecuteAsync("UPDATE sample_notes SET text = @text WHERE id = @id AND tenant_id = @tenant_id", new { id, text = note.Text });
            await db.CommitAsync();
            return changed == 0 ? Results.NotFound() : Results.NoContent();
        }).RequirePermission(Permission);
    }

    public sealed record NewNote(string? Text);
}

/// <summary>
/// Counts deliveries, so a test can tell "exactly once" from "at least once". A note whose text starts with "Refused"
/// fails its delivery, as a handler fails while something it needs is broken; editing the note mends it.
/// </summary>
public sealed class CountWhenSampleNoteAdded : IIntegrationEventHandler<SampleNoteAdded>
{
    public const string Refused = "Refused";

    public async Task HandleAsync(SampleNoteAdded integrationEvent, Clinic.BuildingBlocks.Data.DbSession db, CancellationToken ct)
    {
        var text = await db.ExecuteScalarAsync<string>("SELECT text FROM sample_notes WHERE id = @id AND tenant_id = @tenant_id", new { id = integrationEvent.NoteId });
        if (text?.StartsWith(Refused, StringComparison.Ordinal) == true)
            throw new InvalidOperationException("The sample module refuses this note.");
        await db.ExecuteAsync(
            "UPDATE sample_notes SET deliveries = deliveries + 1 WHERE id = @id AND tenant_id = @tenant_id",
            new { id = integrationEvent.NoteId });
    }
}
