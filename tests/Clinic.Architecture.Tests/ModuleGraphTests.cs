using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// No module reaches itself through other modules' Contracts (ADR 0035): of any two modules, at most one knows the
/// other, so each can be read, changed and switched off with only the modules below it in mind.
/// </summary>
public sealed class ModuleGraphTests
{
    // A cycle not yet broken, with the reason; it leaves this list when it is broken, and the list stays short.
    private static readonly Dictionary<string, string> NotYetBroken = new(StringComparer.Ordinal)
    {
        ["Accounts -> Clients -> Accounts"] =
            "the portal's sign-in finds clients through IClientDirectory and the clinic profile checks numbers with MobileNumber; "
            + "ADR 0035 says how it goes once Accounts' handlers are on the unit of work",
    };

    [Fact]
    public void The_modules_references_to_each_others_contracts_form_no_cycle()
    {
        var graph = ModuleGraph.Read(Path.Combine(Codebase.Root, "src", "Modules"));
        var cycles = ModuleGraph.Cycles(graph);

        Assert.Contains(graph, edge => edge is { From: "Booking", To: "Clients", Project: "Clinic.Modules.Booking" }); // the graph is read
        Offences.AssertNone([.. cycles.Where(cycle => !NotYetBroken.Keys.Any(known => cycle.StartsWith(known + " (", StringComparison.Ordinal)))]);
        Offences.AssertNone([.. NotYetBroken.Keys
            .Where(known => !cycles.Any(cycle => cycle.StartsWith(known + " (", StringComparison.Ordinal)))
            .Select(known => $"{known} is no longer a cycle: take it off {nameof(NotYetBroken)}")]);
    }

    [Fact]
    public void A_cycle_is_named_module_by_module_with_the_references_that_make_it()
    {
        // Part of the graph before ADR 0035: the portal listed appointments, the privacy policy named message providers.
        IReadOnlyList<ModuleEdge> before =
        [
            new("Booking", "Clients", "Clinic.Modules.Booking", "Clinic.Modules.Clients.Contracts"),
            new("Clients", "Accounts", "Clinic.Modules.Clients", "Clinic.Modules.Accounts.Contracts"),
            new("Clients", "Booking", "Clinic.Modules.Clients", "Clinic.Modules.Booking.Contracts"),
            new("Messaging", "Booking", "Clinic.Modules.Messaging", "Clinic.Modules.Booking.Contracts"),
            new("Messaging", "Privacy", "Clinic.Modules.Messaging", "Clinic.Modules.Privacy.Contracts"),
            new("Privacy", "Messaging", "Clinic.Modules.Privacy", "Clinic.Modules.Messaging.Contracts"),
        ];

        Assert.Equal(
            [
                "Booking -> Clients -> Booking (Clinic.Modules.Booking references Clinic.Modules.Clients.Contracts; Clinic.Modules.Clients references Clinic.Modules.Booking.Contracts)",
                "Messaging -> Privacy -> Messaging (Clinic.Modules.Messaging references Clinic.Modules.Privacy.Contracts; Clinic.Modules.Privacy references Clinic.Modules.Messaging.Contracts)",
            ],
            ModuleGraph.Cycles(before));
        Assert.Empty(ModuleGraph.Cycles([.. before.Where(e => e.To != "Booking" || e.From != "Clients").Where(e => e.From != "Privacy")]));
    }
}
