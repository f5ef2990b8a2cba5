namespace Clinic.Host.Hosting;

/// <summary>The verbs Clinic accepts before the usual host arguments such as <c>--urls</c>.</summary>
internal sealed record StartupCommand(bool MigrateOnly, bool VerifyAudit, bool Demo, string[] HostArguments)
{
    public static StartupCommand Parse(string[] args)
    {
        var audit = Array.IndexOf(args, "audit");
        var verifyAudit = audit >= 0 && audit + 1 < args.Length && args[audit + 1] == "verify";
        return new(
            MigrateOnly: args.Contains("migrate", StringComparer.Ordinal),
            VerifyAudit: verifyAudit,
            Demo: args.Contains("--demo", StringComparer.Ordinal),
            HostArguments: [.. args.Where((a, i) => a is not ("migrate" or "--demo") && !(verifyAudit && (i == audit || i == audit + 1)))]);
    }
}
