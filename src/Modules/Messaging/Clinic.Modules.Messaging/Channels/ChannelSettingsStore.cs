using System.Security.Cryptography;
using System.Text.Json;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Clinic.Modules.Messaging.Channels;

/// <summary>The provider names stored and shown in the message log.</summary>
internal static class Providers
{
    public const string None = "none";
    public const string Smtp = "smtp";
    public const string Resend = "resend";
    public const string Twilio = "twilio";

    public static IReadOnlyList<string> For(ChannelKind kind) => kind == ChannelKind.Email ? [None, Smtp, Resend] : [None, Twilio];

    public static string Name(this ChannelKind kind) => kind switch
    {
        ChannelKind.Email => "email",
        ChannelKind.Sms => "sms",
        _ => "whatsapp",
    };
}

/// <summary>A channel's settings other than its secret; stored as JSON, so each provider keeps only what it needs.</summary>
internal sealed class ChannelFields
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public bool StartTls { get; init; }

    public string? User { get; init; }

    public string? FromAddress { get; init; }

    public string? FromName { get; init; }

    public string? AccountSid { get; init; }

    public string? FromNumber { get; init; }

    /// <summary>
    /// Where Twilio reports delivery: the clinic's own public address when the owner saved the settings, because in the
    /// SaaS edition that host is what tells the webhook which clinic (and which auth token) a report is for.
    /// </summary>
    public string? StatusCallbackUrl { get; init; }
}

/// <summary>What is set up for one kind of channel. The secret itself never leaves the store except to send.</summary>
internal sealed record ChannelSetup(ChannelKind Kind, string Provider, ChannelFields Fields, bool HasSecret);

/// <summary>
/// Per-clinic channel settings (<c>messaging_channel_settings</c>). Secrets (SMTP password, Resend key, Twilio auth
/// token) are encrypted with Data Protection under a purpose that includes the clinic's id, so a secret copied into
/// another clinic's row cannot be read there.
/// </summary>
internal sealed class ChannelSettingsStore(TenantDb tenantDb, ITenantContext tenant, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "Clinic.Messaging.ChannelSecrets.v1";

    public async Task<IReadOnlyDictionary<ChannelKind, ChannelSetup>> LoadAllAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var rows = await db.QueryAsync<Row>(
            """
            SELECT kind AS Kind, provider AS Provider, settings AS Settings, protected_secret AS ProtectedSecret
            FROM messaging_channel_settings WHERE tenant_id = @tenant_id
            """);
        return rows.Select(r => r.Setup()).Where(s => s is not null).ToDictionary(s => s!.Kind, s => s!);
    }

    /// <summary>The kind's setup and its secret in clear (null when none is stored or it can no longer be decrypted).</summary>
    public async Task<(ChannelSetup Setup, string? Secret, bool SecretUnreadable)?> LoadWithSecretAsync(ChannelKind kind, CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT kind AS Kind, provider AS Provider, settings AS Settings, protected_secret AS ProtectedSecret
            FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = @kind
            """,
            new { kind = kind.Name() });
        if (row?.Setup() is not { } setup)
            return null;
        if (row.ProtectedSecret is null)
            return (setup, null, false);
        try
        {
            return (setup, Protector().Unprotect(row.ProtectedSecret), false);
        }
        catch (CryptographicException)
        {
            return (setup, null, true);
        }
    }

    /// <summary>
    /// Stores the kind's setup in <paramref name="db"/>'s transaction. A null <paramref name="newSecret"/> keeps the stored
    /// secret; provider "none" removes the row, and the kind goes back to outbox only.
    /// </summary>
    public async Task SaveAsync(DbSession db, ChannelKind kind, string provider, ChannelFields fields, string? newSecret)
    {
        if (provider == Providers.None)
        {
            await db.ExecuteAsync("DELETE FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = kind.Name() });
            return;
        }

        await db.ExecuteAsync(
            """
            INSERT INTO messaging_channel_settings (tenant_id, kind, provider, settings, protected_secret, updated_at)
            VALUES (@tenant_id, @kind, @provider, @settings, @secret, @now)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET provider = excluded.provider, settings = excluded.settings,
                protected_secret = COALESCE(excluded.protected_secret, messaging_channel_settings.protected_secret), updated_at = excluded.updated_at
            """,
            new
            {
                kind = kind.Name(),
                provider,
                settings = JsonSerializer.Serialize(fields, Row.Json),
                secret = string.IsNullOrEmpty(newSecret) ? null : Protector().Protect(newSecret),
                now = time.GetUtcNow(),
            });
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose, tenant.Required.ToString());

    private sealed class Row
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public string Kind { get; init; } = "";

        public string Provider { get; init; } = "";

        public string Settings { get; init; } = "{}";

        public string? ProtectedSecret { get; init; }

        public ChannelSetup? Setup()
        {
            ChannelKind? kind = Kind switch
            {
                "email" => ChannelKind.Email,
                "sms" => ChannelKind.Sms,
                "whatsapp" => ChannelKind.WhatsApp,
                _ => null,
            };
            return kind is { } k ? new ChannelSetup(k, Provider, JsonSerializer.Deserialize<ChannelFields>(Settings, Json) ?? new(), ProtectedSecret is not null) : null;
        }
    }
}
