using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// A module on the unit of work leaves the transaction, the commit and the audit call to it: a slice that opens a
/// write transaction, commits or records an audit entry itself has stepped around the retry, the validation and the
/// rule that audit entries and events commit with the change. Every module is held to it; the few files that work
/// outside any one clinic (platform data, jobs across clinics) are listed with their reasons.
/// </summary>
public sealed class UnitOfWorkTests
{
    /// <summary>Every module of the repository: all of them are on the unit of work.</summary>
    private static IEnumerable<string> Modules =>
        Directory.EnumerateDirectories(Path.Combine(Codebase.Root, "src", "Modules")).Select(Path.GetFileName)!;

    private static readonly Regex HandWritten = new(
        @"\.\s*(?:BeginAsync|CommitAsync|RecordAsync)\s*\(",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    // File, relative to the repository, and why it may.
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["src/Modules/Clients/Clinic.Modules.Clients/Directory/ClientDirectory.cs"] =
            "FindOrAddAsync(DbSession) records its entry in a transaction another module opened, which commits it",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Audit/AuditChainer.cs"] =
            "the audit chain job (ADR 0028) seals pending entries into the chain itself; it is what the unit of work's entries feed",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Audit/AuditChain.cs"] =
            "verifies every clinic's chain from the platform's list of clinics, outside any one clinic's transaction",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Tenants/TenantDirectory.cs"] =
            "the directory of clinics is the platform's, read before any clinic is chosen",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Tenants/TenantRegistry.cs"] =
            "creates a clinic and its host names, which no clinic's transaction can do before the clinic exists",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Features/PlatformClinics/PlatformClinics.cs"] =
            "the operator console lists every clinic from the platform's directory, outside any clinic",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Operators/OperatorAccounts.cs"] =
            "operators belong to the platform, not to a clinic: their accounts live outside every clinic's transaction",
        ["src/Modules/Accounts/Clinic.Modules.Accounts/Operators/OperatorSessions.cs"] =
            "operator sessions belong to the platform, not to a clinic: they live outside every clinic's transaction",
        ["src/Modules/Privacy/Clinic.Modules.Privacy/Policies/PlatformPolicies.cs"] =
            "the operator's default policies belong to no clinic, and the unit of work opens a clinic's transaction",
        ["src/Modules/Messaging/Clinic.Modules.Messaging/Features/Campaigns/QueueCampaignMessages.cs"] =
            "finds the clinics with campaigns sending through the owner view, across clinics; each clinic's queueing is a unit of work",
    };

    [Fact]
    public void Modules_on_the_unit_of_work_neither_open_commit_nor_audit_by_hand() =>
        Offences.AssertNone([.. Modules.SelectMany(HandWrittenIn).Where(offence => !Allowed.ContainsKey(offence.File)).Select(o => o.Text)]);

    [Fact]
    public void Every_allowed_exception_is_still_needed() =>
        Offences.AssertNone([.. Allowed.Keys
            .Where(file => !Modules.SelectMany(HandWrittenIn).Any(o => o.File == file))
            .Select(file => $"{file} is allowed to write a transaction by hand but no longer does: take it off the list")]);

    private static IEnumerable<(string File, string Text)> HandWrittenIn(string module)
    {
        var folder = Path.Combine(Codebase.Root, "src", "Modules", module);
        foreach (var path in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal)))
        {
            var file = Path.GetRelativePath(Codebase.Root, path).Replace('\\', '/');
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
                continue;

            var code = CSharpStrings.WithoutComments(File.ReadAllText(path));
            foreach (Match call in HandWritten.Matches(code))
                yield return (file, $"{file}:{1 + code.AsSpan(0, call.Index).Count('\n')} calls {call.Value.TrimStart('.').TrimEnd('(').Trim()} itself: use the UnitOfWork");
        }
    }
}
