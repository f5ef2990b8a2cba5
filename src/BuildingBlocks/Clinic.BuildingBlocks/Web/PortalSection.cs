using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.BuildingBlocks.Web;

/// <summary>
/// A part of the client portal's home page that a module contributes, as it contributes menu items and cookies: Booking
/// lists the client's upcoming appointments, and Billing or consent forms can add theirs, without the Clients module,
/// which owns the portal, knowing any of them (ADR 0035). The home page renders each for the signed-in client whose
/// record it has found, and records that client's view of the portal; a section shows that client's data and nobody else's.
/// </summary>
public abstract class PortalSection : ComponentBase
{
    /// <summary>The signed-in client whose portal this is.</summary>
    [Parameter]
    [EditorRequired]
    public Guid ClientId { get; set; }
}

/// <summary>A <see cref="PortalSection"/> a module registered; the home page shows sections by <see cref="Order"/>.</summary>
public sealed record PortalSectionType(Type Component, int Order);

public static class PortalSectionServiceCollectionExtensions
{
    public static IServiceCollection AddPortalSection<TSection>(this IServiceCollection services, int order)
        where TSection : PortalSection =>
        services.AddSingleton(new PortalSectionType(typeof(TSection), order));
}
