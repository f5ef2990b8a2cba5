using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.Privacy;

/// <summary>
/// The privacy policy names the outside companies the modules switched on declare (ADR 0035); Privacy itself knows no
/// module that sends messages, so with Messaging off the policy still reads, and names none.
/// </summary>
public abstract class PolicyProcessorsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task With_messaging_switched_off_the_privacy_policy_says_no_outside_company_carries_the_clinics_messages()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClinicApp(database, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Clinic:Modules:Messaging:Enabled"] = "false" });
        using var visitor = app.Browser();

        var (response, page) = await visitor.GetPageAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "None at present: our messages are kept in our own system and not sent through any outside company.",
            page.QuerySelector("article.policy")!.TextContent,
            StringComparison.Ordinal);
    }
}

public sealed class PolicyProcessorsTests_on_Sqlite() : PolicyProcessorsTests(DatabaseProvider.Sqlite);

public sealed class PolicyProcessorsTests_on_Postgres() : PolicyProcessorsTests(DatabaseProvider.Postgres);
