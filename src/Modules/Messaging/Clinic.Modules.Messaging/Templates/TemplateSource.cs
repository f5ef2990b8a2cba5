using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Messaging.Templates;

/// <summary>The words a clinic sends for a kind, channel and language: its own override, or else the built-in template.</summary>
internal sealed class TemplateSource(TenantDb tenantDb)
{
    public const string Email = "email";
    public const string Text = "text";

    public async Task<TemplateText> ForAsync(string kind, bool email, string language, CancellationToken ct) =>
        await OverrideAsync(kind, email, language, ct) ?? BuiltInTemplates.For(kind, email, language);

    /// <summary>This clinic's override, or null when it sends the built-in text.</summary>
    public async Task<TemplateText?> OverrideAsync(string kind, bool email, string language, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT subject AS Subject, body AS Body FROM messaging_templates
            WHERE tenant_id = @tenant_id AND kind = @kind AND channel_group = @group AND language = @language
            """,
            new { kind, group = email ? Email : Text, language });
        return row is null ? null : new TemplateText(email ? row.Subject : null, row.Body);
    }

    private sealed class Row
    {
        public string? Subject { get; init; }

        public string Body { get; init; } = "";
    }
}
