using Clinic.BuildingBlocks.Events;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// An integration-event handler is named for what it makes happen, as a verb phrase (SendAppointmentMessages,
/// MoveAppointmentsWhenClientsMerged), so a reader of the module sees the consequences of an event without opening
/// each class; OnAppointmentBooked, AppointmentBookedHandler or AppointmentMessages say only what it listens to.
/// </summary>
public sealed class EventHandlerNameTests
{
    // The verbs a handler's name may start with. Add one when a handler does something new; a noun is not a verb.
    private static readonly HashSet<string> Consequences = new(StringComparer.Ordinal)
    {
        "Acknowledge", "Anonymise", "Cancel", "Close", "Count", "Email", "Erase", "Move", "Notify", "Offer", "Purge",
        "Queue", "Record", "Release", "Remind", "Send", "Tell", "Withdraw",
    };

    private static readonly string[] ListenerSuffixes = ["Handler", "Consumer", "Subscriber", "Listener"];

    [Fact]
    public void Every_integration_event_handler_is_named_for_its_consequence()
    {
        var handlers = Codebase.Modules
            .SelectMany(m => m.Implementation.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetInterfaces().Any(IsEventHandler))
            .ToList();

        var offences = handlers
            .Where(type => !Consequences.Contains(FirstWord(type.Name)) || ListenerSuffixes.Any(s => type.Name.EndsWith(s, StringComparison.Ordinal)))
            .Select(type => $"{type.FullName}: name it for what it does, starting with a verb (e.g. Send…, Move…When…)")
            .ToList();

        Assert.True(handlers.Count >= 5, $"Only {handlers.Count} handlers found; the scan is not looking where they are.");
        Offences.AssertNone(offences);
    }

    [Theory]
    [InlineData("SendAppointmentMessages", true)]
    [InlineData("MoveAppointmentsWhenClientsMerged", true)]
    [InlineData("OnAppointmentBookedHandler", false)]
    [InlineData("AppointmentMessages", false)]
    [InlineData("SendConfirmationHandler", false)]
    public void The_rule_tells_a_verb_phrase_from_a_listener(string name, bool named)
    {
        Assert.Equal(named, Consequences.Contains(FirstWord(name)) && !ListenerSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)));
    }

    private static bool IsEventHandler(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>);

    private static string FirstWord(string name) =>
        new(name.TakeWhile((c, i) => i == 0 || !char.IsUpper(c)).ToArray());
}
