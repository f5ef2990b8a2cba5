namespace Clinic.BuildingBlocks.Data.Migrations;

/// <summary>Start-up must stop: a migration failed or an applied one was edited.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
