using System.Net;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Cookies;
using Clinic.Host.Tests.Platform;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Host.Tests.Tenancy;
using Clinic.Host.Tests.Web;
using Clinic.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Host.Tests.Privacy;

/// <summary>
/// In the SaaS edition the operator publishes the default policies: every clinic without its own shows the new text at
/// once, a clinic with its own keeps it, and a material change is emailed once to every clinic's owners.
/// </summary>
public abstract class PlatformPolicyTests<TClinics>(TClinics clinics) : IAsyncLifetime
    where TClinics : OperatedClinics
{
    private const string NotifyJob = "privacy-platform-policy-notices";

    private ClinicApp App => clinics.App;

    public Task InitializeAsync() => clinics.A is null ? clinics.SetUpAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_material_default_change_shows_at_every_clinic_and_is_emailed_once_to_each_clinics_owner()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var console = await OperatorAsync();

        var published = await PublishAsync(console, "privacy", $"# Privacy\n\n{{{{clinic.name}}}} keeps records {marker}.", material: true, summary: $"Records {marker}");
        await App.RunJobsAsync(NotifyJob, "outbox-dispatch");
        await App.RunJobsAsync(NotifyJob, "outbox-dispatch");
        var (_, atA) = await App.Browser(TwoClinics.HostA).GetPageAsync("/privacy");
        var (_, atB) = await App.Browser(TwoClinics.HostB).GetPageAsync("/privacy");
        var toA = await EmailsAsync(clinics.A.Id, marker);
        var toB = await EmailsAsync(clinics.B.Id, marker);

        Assert.True(published.IsRedirect(), $"answered {(int)published.StatusCode}");
        Assert.Contains($"Clinic A keeps records {marker}.", atA.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Clinic B keeps records {marker}.", atB.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([TwoClinics.OwnerA], toA.Select(e => e.ToEmail));
        Assert.Equal([TwoClinics.OwnerB], toB.Select(e => e.ToEmail));
        Assert.Contains($"https://{TwoClinics.HostA}/privacy", toA[0].Data, StringComparison.Ordinal);
        Assert.Contains($"https://{TwoClinics.HostB}/privacy", toB[0].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minor_default_change_is_shown_but_emailed_to_nobody()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var console = await OperatorAsync();

        await PublishAsync(console, "privacy", $"# Privacy\n\nTypo fixed {marker}.", material: false, summary: "");
        await App.RunJobsAsync(NotifyJob, "outbox-dispatch");
        var (_, atA) = await App.Browser(TwoClinics.HostA).GetPageAsync("/privacy");

        Assert.Contains(marker, atA.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await EmailsAsync(clinics.A.Id, marker));
    }

    [Fact]
    public async Task A_clinic_that_published_its_own_cookie_policy_keeps_showing_it()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var owner = App.Browser(TwoClinics.HostA);
        await owner.SignInAsync(TwoClinics.OwnerA, ClinicApp.OwnerPassword);
        var own = await owner.SubmitAsync("/settings/policies/cookies", StaffForms.Fields(
            ("Input.Body", $"# Cookies\n\nClinic A's own words {marker}."), ("Input.Summary", "")));
        using var console = await OperatorAsync();

        await PublishAsync(console, "cookies", $"# Cookies\n\nThe platform default {marker}.", material: false, summary: "");
        var (_, atA) = await App.Browser(TwoClinics.HostA).GetPageAsync("/cookies");
        var (_, atB) = await App.Browser(TwoClinics.HostB).GetPageAsync("/cookies");

        Assert.True(own.IsRedirect(), $"answered {(int)own.StatusCode}");
        Assert.Contains($"Clinic A's own words {marker}.", atA.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain($"The platform default {marker}.", atA.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"The platform default {marker}.", atB.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_default_cookie_policy_asks_the_visitors_of_a_clinic_that_shows_it_again()
    {
        using var visitor = App.Browser(TwoClinics.HostB);
        await visitor.ChooseAsync("accept");
        var (_, before) = await visitor.GetPageAsync("/cookies");
        using var console = await OperatorAsync();

        await PublishAsync(console, "cookies", $"# Cookies\n\nA new default {Guid.NewGuid():N}.", material: false, summary: "");
        var (_, after) = await visitor.GetPageAsync("/cookies");

        Assert.Null(before.QuerySelector("section.cookie-banner"));
        Assert.NotNull(after.QuerySelector("section.cookie-banner"));
    }

    [Fact]
    public async Task A_material_change_without_a_summary_names_the_field_and_publishes_nothing()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var console = await OperatorAsync();

        var response = await PublishAsync(console, "privacy", $"# Privacy\n\n{marker}", material: true, summary: "");
        var page = await response.PageAsync();
        var (_, atA) = await App.Browser(TwoClinics.HostA).GetPageAsync("/privacy");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Say in a sentence what changed", page.FieldError("summary"), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, atA.QuerySelector("article.policy")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TwoClinics.HostA)]
    [InlineData(TwoClinics.HostB)]
    public async Task A_clinic_owner_cannot_reach_the_default_policy_form_at_the_clinics_host(string host)
    {
        using var owner = App.Browser(host);
        await owner.SignInAsync(host == TwoClinics.HostA ? TwoClinics.OwnerA : TwoClinics.OwnerB, ClinicApp.OwnerPassword);

        var (response, _) = await owner.GetPageAsync("/platform/policies/privacy");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<ClinicClient> OperatorAsync()
    {
        var console = App.Browser(OperatedClinics.PlatformHost);
        await console.SubmitAsync("/platform/sign-in", StaffForms.Fields(("Input.Email", OperatedClinics.OperatorEmail), ("Input.Password", OperatedClinics.OperatorPassword)));
        return console;
    }

    private static async Task<HttpResponseMessage> PublishAsync(ClinicClient console, string kind, string body, bool material, string summary)
    {
        var fields = StaffForms.Fields(("Input.Body", body), ("Input.Summary", summary));
        if (material)
            fields["Input.MaterialChange"] = "true";
        return await console.SubmitAsync($"/platform/policies/{kind}", fields);
    }

    private Task<IReadOnlyList<Email>> EmailsAsync(Guid clinic, string marker) =>
        App.InScopeAsync(async services =>
        {
            services.GetRequiredService<TenantContext>().Use(clinic);
            await using var db = await services.GetRequiredService<TenantDb>().ReadAsync(default);
            return await db.QueryAsync<Email>(
                "SELECT to_email AS ToEmail, data AS Data FROM messaging_messages WHERE tenant_id = @tenant_id AND kind = 'privacy.default_policy_changed' AND data LIKE @marker",
                new { marker = $"%{marker}%" });
        });

    internal sealed class Email
    {
        public string ToEmail { get; init; } = "";

        public string Data { get; init; } = "";
    }
}

public sealed class PlatformPolicyTests_on_Sqlite(OperatedClinicsOnSqlite clinics)
    : PlatformPolicyTests<OperatedClinicsOnSqlite>(clinics), IClassFixture<OperatedClinicsOnSqlite>;

public sealed class PlatformPolicyTests_on_Postgres(OperatedClinicsOnPostgres clinics)
    : PlatformPolicyTests<OperatedClinicsOnPostgres>(clinics), IClassFixture<OperatedClinicsOnPostgres>;
