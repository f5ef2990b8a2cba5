using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>The table finder behind the SQL ownership tests: what it must catch, and what it must leave alone.</summary>
public sealed class SqlTablesTests
{
    [Theory]
    [InlineData("SELECT * FROM booking_appointments", "booking_appointments")]
    [InlineData("SELECT c.id FROM clients_clients c JOIN booking_appointments a ON a.client_id = c.id", "clients_clients booking_appointments")]
    [InlineData("SELECT 1 FROM clients_clients c, booking_appointments a WHERE a.client_id = c.id", "clients_clients booking_appointments")]
    [InlineData("INSERT INTO billing_invoices (id) VALUES (@id) ON CONFLICT (id) DO UPDATE SET id = excluded.id", "billing_invoices")]
    [InlineData("INSERT OR IGNORE INTO billing_invoices(id) VALUES (@id)", "billing_invoices")]
    [InlineData("UPDATE accounts_staff SET name = @name", "accounts_staff")]
    [InlineData("DELETE FROM accounts_setup_tokens WHERE used_at IS NULL", "accounts_setup_tokens")]
    [InlineData("CREATE TABLE IF NOT EXISTS booking_rooms (id uuid, service_id uuid REFERENCES booking_services (id))", "booking_rooms booking_services")]
    [InlineData("CREATE UNIQUE INDEX IF NOT EXISTS ix_rooms ON booking_rooms (id)", "booking_rooms")]
    [InlineData("ALTER TABLE \"public\".\"booking_rooms\" ENABLE ROW LEVEL SECURITY", "booking_rooms")]
    [InlineData("SELECT clinic_isolate_tenant('clients_clients');", "clients_clients")]
    [InlineData("SELECT id FROM booking_slots WHERE EXISTS (SELECT 1 FROM clients_clients c WHERE c.id = client_id)", "booking_slots clients_clients")]
    [InlineData("SELECT d FROM generate_series(1, 7) AS d JOIN booking_slots s ON s.day = d", "booking_slots")]
    [InlineData("SELECT x FROM (SELECT id AS x FROM booking_slots) AS sub", "booking_slots")]
    [InlineData("SELECT id FROM booking_slots ORDER BY day, id FOR UPDATE SKIP LOCKED", "booking_slots")]
    [InlineData("SELECT EXTRACT(EPOCH FROM starts_at) FROM booking_slots WHERE a IS DISTINCT FROM b", "booking_slots")]
    [InlineData("WITH due AS (SELECT id FROM booking_slots) SELECT id FROM due", "booking_slots")]
    [InlineData("SELECT 'FROM clients_clients' AS text FROM booking_slots -- or JOIN clients_clients\n", "booking_slots")]
    [InlineData("/* JOIN clients_clients */ SELECT name FROM booking_slots", "booking_slots")]
    [InlineData("INSERT INTO {table} (id) VALUES (@id)", "{table}")]
    [InlineData("select day from cookies_page_views where day >= @from and day <= @to", "cookies_page_views")]
    public void The_finder_names_every_table_and_nothing_else(string sql, string expected)
    {
        var tables = SqlTables.In(sql, upperCaseKeywordsOnly: false).Select(t => t.Table).Order(StringComparer.Ordinal);

        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), tables);
    }

    [Fact]
    public void A_read_of_another_modules_table_inside_a_clients_handler_is_found_with_its_line()
    {
        const string Source = """"
            // Reads FROM somewhere, in a comment, which is not SQL.
            internal sealed class Handler
            {
                private const string Permission = "See messages sent to and received from clients";
                private const char Quote = '"';

                public string Sql(int limit) => $"""
                    SELECT id
                    FROM clients_clients
                    WHERE tenant_id = @tenant_id AND id IN (SELECT * FROM booking_appointments)
                    LIMIT {limit}
                    """;
            }
            """";

        var found = CSharpStrings.In(Source)
            .SelectMany(literal => SqlTables.In(literal.Text, upperCaseKeywordsOnly: true).Select(t => (t.Table, Line: literal.Line + t.Line - 1)))
            .Where(t => !t.Table.StartsWith("clients_", StringComparison.Ordinal));

        Assert.Equal([("booking_appointments", 10)], found);
    }

    [Theory]
    [InlineData("var from = start; // rows FROM the past")]
    [InlineData("logger.LogInformation(\"Created the clinic owner from {Key}\", key);")]
    [InlineData("var text = @\"Moved \"\"FROM\"\" nowhere\"; var c = '\\'';")]
    public void Prose_and_code_outside_sql_name_no_table(string source)
    {
        var tables = CSharpStrings.In(source).SelectMany(literal => SqlTables.In(literal.Text, upperCaseKeywordsOnly: true));

        Assert.Empty(tables);
    }
}
