using Clinic.BuildingBlocks.Events;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// A module's inbox remembers which handler has handled an event by the handler's full name, so a handler renamed or
/// moved to another namespace would handle again every event delivered to it a second time. Changing this list
/// therefore takes a migration that renames the handler's rows in its module's inbox, as Messaging's
/// 0011_renamed_handlers does; a new handler is simply added.
/// </summary>
public sealed class InboxKeyTests
{
    private static readonly string[] Known =
    [
        "Clinic.Modules.Booking.ClientMerges.MoveAppointmentsWhenClientsMerged",
        "Clinic.Modules.Booking.Enquiries.MoveEnquiriesWhenClientsMerged",
        "Clinic.Modules.Messaging.Consumers.AcknowledgeConsultationRequest",
        "Clinic.Modules.Messaging.Consumers.SendAccountEmails",
        "Clinic.Modules.Messaging.Consumers.SendAppointmentMessages",
        "Clinic.Modules.Messaging.Consumers.SendWaitlistOffer",
        "Clinic.Modules.Messaging.Consumers.TellOwnersOfPolicyChanges",
    ];

    [Fact]
    public void Every_handler_is_known_to_the_inbox_by_the_name_it_has_always_had()
    {
        var handlers = Codebase.Modules
            .SelectMany(m => m.Implementation.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetInterfaces().Any(IsEventHandler))
            .Select(type => type.FullName!)
            .ToHashSet(StringComparer.Ordinal);

        Offences.AssertNone([
            .. Known.Where(name => !handlers.Contains(name))
                .Select(name => $"{name} is gone: if it was renamed or moved, add a migration renaming its rows in the module's inbox, then update this list"),
            .. handlers.Where(name => !Known.Contains(name, StringComparer.Ordinal))
                .Select(name => $"{name} is new to the inbox: add it to this list (a renamed handler also needs a migration for its inbox rows)"),
        ]);
    }

    private static bool IsEventHandler(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>);
}
