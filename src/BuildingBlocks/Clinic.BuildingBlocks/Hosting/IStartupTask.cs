namespace Clinic.BuildingBlocks.Hosting;

/// <summary>Work a module does once per start, after migrations and before the first request, in catalog order.</summary>
public interface IStartupTask
{
    Task RunAsync(StartupContext context, CancellationToken ct);
}

/// <param name="Demo">True when started with <c>--demo</c>: seed a realistic demo clinic if the database is empty.</param>
public sealed record StartupContext(bool Demo);
