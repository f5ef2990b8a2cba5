using System.Reflection;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Tenancy;
using Clinic.Host.Tests.Platform;
using Clinic.Host.Tests.Portal;
using Clinic.Host.Tests.StaffManagement;
using Clinic.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Host.Tests.Abuse;

/// <summary>
/// Clinic A of <see cref="AttackedClinics"/> swept by its owner (also signed in to the portal as a client), an
/// operator at the console, and anonymous visitors, with rate limits raised so the sweep is answered rather than
/// throttled. The sweep runs once per fixture and its tests read the result.
/// </summary>
public abstract class SweptClinics(DatabaseProvider provider) : AttackedClinics(provider)
{
    private Task? _prepared;
    private Task<HostileInputSweep.Result>? _sweep;
    private readonly List<ClinicClient> _visitors = [];
    private ClinicClient? _operator;

    public Task PrepareSweepAsync() => _prepared ??= PrepareVisitorsAsync();

    internal Task<HostileInputSweep.Result> SweepAsync() => _sweep ??= SweepOnceAsync();

    /// <summary>The routes that accept a POST, by template; static files are served, never posted to.</summary>
    internal IEnumerable<string> PostRoutes() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") != false)
            .Select(e => e.RoutePattern.RawText!)
            .Where(route => !route.Contains("{**", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);

    public override async Task DisposeAsync()
    {
        foreach (var visitor in _visitors)
            visitor.Dispose();
        await base.DisposeAsync();
    }

    protected override ClinicApp Create(TestDatabase database) =>
        new(database, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Clinic:Edition"] = "MultiTenant",
            ["Clinic:Platform:Host"] = OperatedClinics.PlatformHost,
            ["Clinic:Bootstrap:Operator:Email"] = OperatedClinics.OperatorEmail,
            ["Clinic:Bootstrap:Operator:Password"] = OperatedClinics.OperatorPassword,
            ["Clinic:RateLimits:SignInPerIp:PermitLimit"] = "10000",
            ["Clinic:RateLimits:SignInPerAccount:PermitLimit"] = "10000",
            ["Clinic:RateLimits:ConsultationRequestPerIp:PermitLimit"] = "10000",
            ["Clinic:RateLimits:AnalyticsViewPerIp:PermitLimit"] = "10000",
        });

    private async Task PrepareVisitorsAsync()
    {
        await PrepareAsync();
        await OwnerOfA.SignInToPortalAsync(App, "client@" + HostA);
        _operator = Visitor(OperatedClinics.PlatformHost);
        await _operator.SubmitAsync("/platform/sign-in", StaffForms.Fields(("Input.Email", OperatedClinics.OperatorEmail), ("Input.Password", OperatedClinics.OperatorPassword)));
    }

    private ClinicClient Visitor(string host)
    {
        var visitor = App.Browser(host);
        _visitors.Add(visitor);
        return visitor;
    }

    private async Task<HostileInputSweep.Result> SweepOnceAsync()
    {
        await PrepareSweepAsync();
        var console = _operator!;
        var anonymous = Visitor(HostA);
        var anonymousAtConsole = Visitor(OperatedClinics.PlatformHost);
        var sweep = new HostileInputSweep();
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var route in PostRoutes())
        {
            var metadata = endpoints.First(e => e.RoutePattern.RawText == route).Metadata;
            var atConsole = metadata.GetMetadata<PlatformConsoleAttribute>() is not null;
            var path = PathOf(route);
            await sweep.PostAsync(atConsole ? console : OwnerOfA, route, path);
            await KeepSignedInAsync(sweep.Outcome, route, atConsole ? console : OwnerOfA, atConsole ? "/platform/clinics" : "/start");
            if (metadata.GetMetadata<IAllowAnonymous>() is not null)
                await sweep.PostAsync(atConsole ? anonymousAtConsole : anonymous, route, path);
        }

        foreach (var page in endpoints.Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null))
        {
            var parameters = page.Metadata.GetMetadata<ComponentTypeMetadata>()!.Type
                .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
                .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? p.Name)
                .ToList();
            var atConsole = page.Metadata.GetMetadata<PlatformConsoleAttribute>() is not null;
            if (parameters.Count > 0)
                await sweep.QueryAsync(atConsole ? console : OwnerOfA, PathOf(page.RoutePattern.RawText!), parameters);
        }

        return sweep.Outcome;
    }

    /// <summary>Notes a route whose hostile posts ended the visitor's session, and signs back in so the sweep goes on as them.</summary>
    private async Task KeepSignedInAsync(HostileInputSweep.Result outcome, string route, ClinicClient visitor, string home)
    {
        var (response, _) = await visitor.GetPageAsync(home);
        if (response.StatusCode == System.Net.HttpStatusCode.OK)
            return;
        outcome.SessionsLost.Add(route);
        if (visitor == _operator)
            await visitor.SubmitAsync("/platform/sign-in", StaffForms.Fields(("Input.Email", OperatedClinics.OperatorEmail), ("Input.Password", OperatedClinics.OperatorPassword)));
        else
            await visitor.SignInAsync(OwnerA);
    }

    /// <summary>The route with clinic A's own record in each parameter that names one, so its page renders its forms.</summary>
    private string PathOf(string route)
    {
        switch (route)
        {
            case "/messages/templates/{Kind}/{Channel}/{Language}":
                return "/messages/templates/appointment.confirmation/email/en";
            case "/settings/policies/{Kind}" or "/platform/policies/{Kind}":
                return route.Replace("{Kind}", "privacy", StringComparison.Ordinal);
        }

        return IdorCases.All.FirstOrDefault(c => c.Route == route) is { } idor
            ? idor.Path(Uri.EscapeDataString(idor.OtherClinicsId?.Invoke(RecordsOfA) ?? "not-a-real-link"))
            : route;
    }
}
