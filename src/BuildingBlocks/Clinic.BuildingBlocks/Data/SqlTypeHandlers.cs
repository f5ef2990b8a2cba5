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

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as an id."),
        };
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        // How SQLite stores every instant; parsing that exact shape first is several times cheaper than the general
        // parser, which matters when a diary read brings back thousands of them.
        private const string Stored = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToUniversalTime().ToString(Stored, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset instant => instant.ToUniversalTime(),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            string text when DateTimeOffset.TryParseExact(text, Stored, CultureInfo.InvariantCulture, Utc, out var stored) => stored,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, Utc),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as an instant."),
        };

        private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
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
