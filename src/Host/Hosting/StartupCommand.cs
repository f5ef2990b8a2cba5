namespace Clinic.Host.Hosting;

/// <summary>The verbs Clinic accepts before the usual host arguments such as <c>--urls</c>.</summary>
internal sealed record StartupCommand(bool MigrateOnly, bool Demo, string[] HostArguments)
{
    public static StartupCommand Parse(string[] args) => new(
        MigrateOnly: args.Contains("migrate", StringComparer.Ordinal),
        Demo: args.Contains("--demo", StringComparer.Ordinal),
        HostArguments: [.. args.Where(a => a is not ("migrate" or "--demo"))]);
}
