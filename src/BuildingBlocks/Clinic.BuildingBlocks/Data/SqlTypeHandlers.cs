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
        // How SQLite stores every instant. Reading that exact shape by hand first is far cheaper than the general parser,
        // which matters when a diary read brings back thousands of them (docs/performance.md, availability search).
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
            string text when TryParseStored(text, out var stored) => stored,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, Utc),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as an instant."),
        };

        private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

        /// <summary>Reads the fixed shape <see cref="Stored"/> digit by digit; anything else is left to the general parser.</summary>
        private static bool TryParseStored(string text, out DateTimeOffset instant)
        {
            instant = default;
            if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[27] != 'Z')
                return false;

            int Digits(int start, int count)
            {
                var value = 0;
                for (var i = start; i < start + count; i++)
                {
                    var digit = text[i] - '0';
                    if (digit is < 0 or > 9)
                        return -1;
                    value = (value * 10) + digit;
                }

                return value;
            }

            int year = Digits(0, 4), month = Digits(5, 2), day = Digits(8, 2), hour = Digits(11, 2), minute = Digits(14, 2), second = Digits(17, 2), ticks = Digits(20, 7);
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || ticks < 0)
                return false;

            instant = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
            return true;
        }
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
