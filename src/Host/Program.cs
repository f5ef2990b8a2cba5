using Clinic.Host.Hosting;
using Clinic.Host.Web;

// `migrate` applies migrations and exits; `audit verify` checks the audit trail and exits; `--demo` seeds a demo clinic.
var command = StartupCommand.Parse(args);
try
{
    var builder = WebApplication.CreateBuilder(AppFolder.Options(command.HostArguments)); // content root: Clinic's own folder
    var settings = builder.AddClinicSettings(command);          // Clinic:Edition (SingleClinic | MultiTenant), database provider
    builder.AddClinicModules(ModuleCatalog.BuiltIn, settings);  // the explicit catalog, then external modules from Clinic:Modules:Path
    builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = true); // a service no enabled module provides stops start-up
    builder.AddClinicWeb();                                     // pages, auth, OpenAPI, health, problem details, security headers
    builder.AddClinicTelemetry();                               // traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set

    var app = builder.Build();
    if (command.MigrateOnly)
        return await app.MigrateAsync();
    if (command.VerifyAudit)
        return await app.VerifyAuditTrailAsync();

    app.UseClinicPipeline();
    app.MapClinicEndpoints();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.Describe(e) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
