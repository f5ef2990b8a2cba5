using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Portal;

/// <summary>
/// The portal's home shows the sections the modules switched on contribute (ADR 0035): with Booking off, a client
/// sees their details and no appointments section at all, rather than an empty list in a clinic that takes none.
/// </summary>
public abstract class PortalSectionsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task With_booking_switched_off_the_portal_shows_the_clients_details_and_no_appointments_section()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Modules:Booking:Enabled"] = "false" });
        var email = $"client-{Guid.NewGuid():N}@example.com";
        await app.AddClientAsync("Mahnoor", "Siddiqui", email);
        using var browser = app.Browser();
        await browser.SignInToPortalAsync(app, email);

        var (response, page) = await browser.GetPageAsync("/portal");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello, Mahnoor", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(email, page.QuerySelector("dl.details")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Your details"], page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
    }
}

public sealed class PortalSectionsTests_on_Sqlite() : PortalSectionsTests(DatabaseProvider.Sqlite);

public sealed class PortalSectionsTests_on_Postgres() : PortalSectionsTests(DatabaseProvider.Postgres);
