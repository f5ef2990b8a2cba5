using System.Text.RegularExpressions;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.BuildingBlocks.Web;
using Clinic.BuildingBlocks.Work;
using Clinic.Modules.Accounts.Tenants;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Modules.Accounts.Features.PlatformClinics;

/// <summary>
/// The operator's list of clinics, and a new clinic at its own host with an invitation for its owner. The operator
/// sees the directory of clinics (name, hosts, created), never a clinic's records.
/// </summary>
internal static partial class PlatformClinics
{
    public const string Permission = "platform.clinics";
    public const string HostTaken = "Another clinic already uses this host name.";
    public const string HostIsPlatform = "This is the platform's own host name. Choose another.";

    internal sealed class Request
    {
        public string? Name { get; set; }

        public string? Host { get; set; }

        public string? OwnerEmail { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Request>
    {
        public Validator(EditionSettings edition)
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the clinic's name.")
                .SingleLine("Name", 120);
            RuleFor(r => r.Host).NotEmpty().WithMessage("Enter the clinic's host name.")
                .SingleLine("Host name", 253)
                .Must(host => host is null || HostName().IsMatch(host.Trim()))
                .WithMessage("Host name must be a name such as glow.clinic.example, without https://, a port or a path.")
                .Must(host => host is null || !edition.ServesConsoleAt(host.Trim())).WithMessage(HostIsPlatform);
            RuleFor(r => r.OwnerEmail).NotEmpty().WithMessage("Enter the owner's email address.")
                .SingleLine("Owner's email", 254)
                .EmailAddress().WithMessage("Enter a valid email address.");
        }
    }

    /// <summary>A clinic as the operator sees it.</summary>
    internal sealed record Listed(Guid Id, string Name, IReadOnlyList<string> Hosts, DateTimeOffset CreatedAt);

    /// <summary>The clinic created, and its owner's invitation link, shown once and also emailed to the owner.</summary>
    internal sealed record Created(Guid Id, string Name, string Host, string InvitationUrl);

    internal sealed class Handler(ClinicDatabase database, TenantRegistry registry, IServiceScopeFactory scopes)
    {
        public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken ct)
        {
            await using var db = await database.BeginAsync(tenantId: null, write: false, ct);
            var clinics = await db.QueryAsync<ClinicRow>("SELECT id AS Id, name AS Name, created_at AS CreatedAt FROM accounts_tenants ORDER BY created_at DESC, name");
            var hosts = (await db.QueryAsync<HostRow>("SELECT host AS Host, tenant_id AS TenantId FROM accounts_tenant_hosts ORDER BY host"))
                .ToLookup(h => h.TenantId, h => h.Host);
            return [.. clinics.Select(c => new Listed(c.Id, c.Name, [.. hosts[c.Id]], c.CreatedAt))];
        }

        /// <summary>The new clinic, or null when its host name is taken; nothing is stored then.</summary>
        /// <param name="scheme">How the console was reached ("https"), so the owner's link is reached the same way.</param>
        /// <param name="port">The console's port when not the default, for the same reason.</param>
        public async Task<Created?> CreateAsync(Request request, string scheme, int? port, CancellationToken ct)
        {
            var host = request.Host!.Trim().ToLowerInvariant();
            var clinic = await registry.TryCreateAsync(request.Name!.Trim(), host, ct);
            if (clinic is null)
                return null;

            // The owner joins like any invited member, within the new clinic: its own transaction, audit trail and outbox.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(clinic.Id);
            var invitation = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync<InviteStaff.InviteStaff.Request, InviteStaff.InviteStaff.Response>(
                new InviteStaff.InviteStaff.Request
                {
                    Name = "Owner",
                    Email = request.OwnerEmail!.Trim(),
                    Role = Roles.Owner,
                    PublicAddress = port is { } p ? $"{scheme}://{host}:{p}" : $"{scheme}://{host}",
                },
                ct);
            // A clinic created a moment ago has no staff, so the invitation is never refused as "already staff".
            return new Created(clinic.Id, clinic.Name, host, invitation.Value!.AcceptUrl);
        }
    }

    // Letters, digits and hyphens in dot-separated labels of at most 63 characters, not starting or ending with a hyphen.
    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex HostName();

    private sealed class ClinicRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class HostRow
    {
        public string Host { get; init; } = "";

        public Guid TenantId { get; init; }
    }
}
