using Clinic.BuildingBlocks.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Clinic.BuildingBlocks.Data;

/// <summary>Which engine Clinic runs on and how to reach it, validated once at start-up.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string OwnerConnectionString, bool MigrateOnStartup)
{
    public const string ProviderKey = "Clinic:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Clinic";
    public const string OwnerConnectionStringKey = "ConnectionStrings:ClinicOwner";

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var provider = Settings.ParseEnum(configuration, ProviderKey, DatabaseProvider.Sqlite);
        var migrate = Settings.ParseBool(configuration, "Clinic:Database:MigrateOnStartup", defaultValue: true);
        var app = configuration[ConnectionStringKey];
        var owner = configuration[OwnerConnectionStringKey];
        return provider switch
        {
            DatabaseProvider.Sqlite => new(provider, Sqlite(app, ConnectionStringKey, contentRoot), Sqlite(owner ?? app, OwnerConnectionStringKey, contentRoot), migrate),
            _ => new(provider, Postgres(app, ConnectionStringKey), Postgres(owner ?? app, OwnerConnectionStringKey), migrate),
        };
    }

    private static string Sqlite(string? value, string key, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(value) ? "Data Source=data/clinic.db" : value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ClinicConfigurationException(key, "a SQLite connection string such as \"Data Source=data/clinic.db\"");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new ClinicConfigurationException(key, "a SQLite connection string with a Data Source file");

        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));

        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    private static string Postgres(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ClinicConfigurationException(key, "a PostgreSQL connection string such as \"Host=localhost;Database=clinic;Username=clinic_app;Password=...\"");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new ClinicConfigurationException(key, "a PostgreSQL connection string with a Host");
            return builder.ToString();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ClinicConfigurationException(key, "a PostgreSQL connection string such as \"Host=localhost;Database=clinic;Username=clinic_app;Password=...\"");
        }
    }
}
