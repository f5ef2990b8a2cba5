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

/// <summary>
/// What is set up for one kind of channel. The secrets themselves never leave the store except to send, or, for
/// Resend's webhook signing secret, to verify that clinic's delivery events.
/// </summary>
internal sealed record ChannelSetup(ChannelKind Kind, string Provider, ChannelFields Fields, bool HasSecret, bool HasSigningSecret = false);

/// <summary>
/// Per-clinic channel settings (<c>messaging_channel_settings</c>). Secrets (SMTP password, Resend key and webhook
/// signing secret, Twilio auth token) are encrypted with Data Protection under a purpose that includes the clinic's id,
/// so a secret copied into another clinic's row cannot be read there.
/// </summary>
internal sealed class ChannelSettingsStore(TenantDb tenantDb, ITenantContext tenant, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "Clinic.Messaging.ChannelSecrets.v1";
    private const string SigningPurpose = "ResendWebhookSigningSecret";

    public async Task<IReadOnlyDictionary<ChannelKind, ChannelSetup>> LoadAllAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var rows = await db.QueryAsync<Row>(
            """
            SELECT kind AS Kind, provider AS Provider, settings AS Settings, protected_secret AS ProtectedSecret,
                protected_signing_secret AS ProtectedSigningSecret
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
    /// The signing secret of the clinic's Resend webhook, when email goes through Resend and one is saved; null when
    /// there is none or it can no longer be decrypted, so that no event verifies.
    /// </summary>
    public async Task<string?> LoadSigningSecretAsync(CancellationToken ct)
    {
        await using var db = await tenantDb.ReadAsync(ct);
        var protectedSecret = await db.QuerySingleOrDefaultAsync<string>(
            "SELECT protected_signing_secret FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = @kind AND provider = @provider",
            new { kind = ChannelKind.Email.Name(), provider = Providers.Resend });
        if (protectedSecret is null)
            return null;
        try
        {
            return SigningProtector().Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores the kind's setup in <paramref name="db"/>'s transaction. A null <paramref name="newSecret"/> or
    /// <paramref name="newSigningSecret"/> keeps the stored one (the signing secret only while the provider stays the
    /// same); provider "none" removes the row, and the kind goes back to outbox only.
    /// </summary>
    public async Task SaveAsync(DbSession db, ChannelKind kind, string provider, ChannelFields fields, string? newSecret, string? newSigningSecret = null)
    {
        if (provider == Providers.None)
        {
            await db.ExecuteAsync("DELETE FROM messaging_channel_settings WHERE tenant_id = @tenant_id AND kind = @kind", new { kind = kind.Name() });
            return;
        }

        await db.ExecuteAsync(
            """
            INSERT INTO messaging_channel_settings (tenant_id, kind, provider, settings, protected_secret, protected_signing_secret, updated_at)
            VALUES (@tenant_id, @kind, @provider, @settings, @secret, @signingSecret, @now)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET provider = excluded.provider, settings = excluded.settings,
                protected_secret = COALESCE(excluded.protected_secret, messaging_channel_settings.protected_secret),
                protected_signing_secret = CASE WHEN excluded.provider = messaging_channel_settings.provider
                    THEN COALESCE(excluded.protected_signing_secret, messaging_channel_settings.protected_signing_secret)
                    ELSE excluded.protected_signing_secret END,
                updated_at = excluded.updated_at
            """,
            new
            {
                kind = kind.Name(),
                provider,
                settings = JsonSerializer.Serialize(fields, Row.Json),
                secret = string.IsNullOrEmpty(newSecret) ? null : Protector().Protect(newSecret),
                signingSecret = string.IsNullOrEmpty(newSigningSecret) ? null : SigningProtector().Protect(newSigningSecret),
                now = time.GetUtcNow(),
            });
    }

    private IDataProtector Protector() => protection.CreateProtector(Purpose, tenant.Required.ToString());

    private IDataProtector SigningProtector() => protection.CreateProtector(Purpose, tenant.Required.ToString(), SigningPurpose);

    private sealed class Row
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public string Kind { get; init; } = "";

        public string Provider { get; init; } = "";

        public string Settings { get; init; } = "{}";

        public string? ProtectedSecret { get; init; }

        public string? ProtectedSigningSecret { get; init; }

        public ChannelSetup? Setup()
        {
            ChannelKind? kind = Kind switch
            {
                "email" => ChannelKind.Email,
                "sms" => ChannelKind.Sms,
                "whatsapp" => ChannelKind.WhatsApp,
                _ => null,
            };
            return kind is { } k
                ? new ChannelSetup(k, Provider, JsonSerializer.Deserialize<ChannelFields>(Settings, Json) ?? new(), ProtectedSecret is not null, ProtectedSigningSecret is not null)
                : null;
        }
    }
}
