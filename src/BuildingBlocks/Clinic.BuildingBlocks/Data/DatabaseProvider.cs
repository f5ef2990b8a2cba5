namespace Clinic.BuildingBlocks.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
