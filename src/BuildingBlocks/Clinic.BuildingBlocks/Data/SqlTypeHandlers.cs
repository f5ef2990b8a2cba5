using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Clinic.BuildingBlocks.Data;

/// <summary>
/// SQLite has no uuid, timestamp or decimal types, so ids, instants and money are stored as text there
/// (sortable ISO 8601 in UTC), while PostgreSQL gets its native types.
/// </summary>
internal static class SqlTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        // Dapper's built-in mappings win over handlers unless they are removed first.
        foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(decimal), typeof(decimal?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new MoneyHandler());
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("D");
            }
            else
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => StoredValues.ToId(value);
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToUniversalTime().ToString(StoredValues.InstantFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => StoredValues.ToInstant(value);
    }

    private sealed class MoneyHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Decimal;
                parameter.Value = value;
            }
        }

        public override decimal Parse(object value) => value switch
        {
            decimal amount => amount,
            string text => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture),
            long whole => whole,
            double inexact => (decimal)inexact,
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as an amount."),
        };
    }
}
