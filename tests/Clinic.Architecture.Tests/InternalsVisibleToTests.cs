using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// A production assembly opens its internals only to projects that exist: a grant to a name nothing builds promises
/// tests that are not there, and opens the internals to any assembly that later takes the name.
/// </summary>
public sealed class InternalsVisibleToTests
{
    [Fact]
    public void Every_internals_grant_names_a_project_of_the_repository()
    {
        var projects = Codebase.Projects().Select(Codebase.AssemblyOf).ToHashSet(StringComparer.Ordinal);

        var offences = Codebase.Projects("src")
            .Select(Codebase.AssemblyOf)
            .SelectMany(assembly => Assembly.Load(assembly).GetCustomAttributes<InternalsVisibleToAttribute>()
                .Where(grant => !projects.Contains(grant.AssemblyName))
                .Select(grant => $"{assembly} opens its internals to {grant.AssemblyName}, which no project builds"))
            .ToList();

        Offences.AssertNone(offences);
    }
}
