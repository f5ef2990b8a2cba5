using Microsoft.AspNetCore.Connections;
using Clinic.BuildingBlocks.Data.Migrations;
using Clinic.BuildingBlocks.Hosting;
using Clinic.BuildingBlocks.Modules;

namespace Clinic.Host.Hosting;

/// <summary>Turns the failures an operator can fix into one readable line instead of a stack trace.</summary>
internal static class StartupFailure
{
    public static string? Describe(Exception exception) => Unwrap(exception) switch
    {
        ClinicConfigurationException e => e.Message,
        ModuleLoadException e => e.Message,
        MigrationException e => "Migration error: " + e.Message,
        IOException { InnerException: AddressInUseException } e =>
            $"Configuration error: urls must name a free port ({e.Message}); pass another with --urls http://localhost:PORT.",
        _ => null,
    };

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;
}
