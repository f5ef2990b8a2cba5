using System.Globalization;
using System.Text;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Data;
using Clinic.BuildingBlocks.Security;
using Clinic.BuildingBlocks.Work;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clinic.Modules.Clients.Features.SearchClients;

/// <summary>
/// Finds clients by any part of their name, email or mobile, the digits typed as people say them ("0300 123" finds
/// +92300123…). SQLite searches an FTS5 trigram index, PostgreSQL a pg_trgm one; every search is audited once, however many steps the top bar types it in.
/// </summary>
internal static class SearchClients
{
    public const string AuditAction = "clients.searched";
    public const string SuggestionsPath = "/clients/suggestions";
    public const int Limit = 20;
    public const int MaxLength = 100;
    private const int MaxTerms = 6;

    /// <summary>The trigram tokenizer matches nothing shorter; such terms are matched with LIKE instead.</summary>
    private const int TrigramLength = 3;

    /// <summary>What the top bar shows as the user types: a name, a line of contact details, and where the profile is.</summary>
    internal sealed record Suggestion(string Name, string Detail, string Url);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(SuggestionsPath, async (Handler handler, string? q, Guid? search, HttpContext http) =>
            {
                var rows = await handler.HandleAsync(q, search, http.RequestAborted);
                return TypedResults.Ok(rows.Select(r => new Suggestion(
                    $"{r.LastName}, {r.FirstName}",
                    string.Join(" · ", new[] { r.Phone, r.Email }.Where(v => !string.IsNullOrEmpty(v))),
                    $"/clients/{r.Id}")));
            })
            .RequirePermission(ClientList.ClientList.Permission)
            .ExcludeFromDescription();

    /// <summary>
    /// The lower-cased terms of a search, at most <see cref="MaxTerms"/>. A search that is all digits and phone
    /// punctuation is one term of digits, less the leading zeros of a trunk or international prefix, so it matches
    /// inside an E.164 number; empty when there is nothing to search for.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? search)
    {
        var text = new string((search ?? "").Take(MaxLength).Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).ToArray()).Trim();
        if (text.Length == 0)
            return [];
        if (text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
            return [PhoneDigits(text)];

        return [.. text.ToLower(CultureInfo.InvariantCulture)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.All(c => char.IsAsciiDigit(c) || c == '+') ? PhoneDigits(t) : t)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)];
    }

    private static string PhoneDigits(string text)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        var national = digits.TrimStart('0');
        return national.Length == 0 ? digits : national;
    }

    internal sealed class Handler(UnitOfWork work, ClinicDatabase database, SearchesRecorded searches)
    {
        /// <summary>At most <see cref="Limit"/> clients of this clinic, by last name; an empty search finds nobody and is not audited.</summary>
        public Task<IReadOnlyList<ClientList.ClientList.Row>> HandleAsync(string? text, CancellationToken ct) => HandleAsync(text, search: null, ct);

        /// <param name="search">Names the search that <paramref name="text"/> is a step of, as the top bar types it: only its first step is recorded.</param>
        public async Task<IReadOnlyList<ClientList.ClientList.Row>> HandleAsync(string? text, Guid? search, CancellationToken ct)
        {
            var terms = Terms(text);
            if (terms.Count == 0)
                return [];

            var record = search is not { } id || !searches.Recorded(id);
            var rows = await work.ReadAsync(
                async change =>
                {
                    var found = await FindAsync(change.Db, database.Provider, terms);
                    if (record)
                        change.Audit(new AuditEntry(AuditAction));
                    return found;
                },
                ct);
            if (record && search is { } recorded)
                searches.Remember(recorded);
            return rows;
        }
    }

    /// <summary>The query alone, in the caller's transaction; bench/Clinic.Benchmarks times it on 50,000 clients.</summary>
    public static Task<IReadOnlyList<ClientList.ClientList.Row>> FindAsync(DbSession db, DatabaseProvider provider, IReadOnlyList<string> terms) =>
        provider == DatabaseProvider.Postgres
            ? db.QueryAsync<ClientList.ClientList.Row>(PostgresSql(terms.Count), Parameters(terms))
            : SqliteAsync(db, terms);

    private static Task<IReadOnlyList<ClientList.ClientList.Row>> SqliteAsync(DbSession db, IReadOnlyList<string> terms)
    {
        var parameters = Parameters(terms);
        var longTerms = terms.Where(t => t.Length >= TrigramLength).ToList();
        var shortConditions = string.Concat(terms.Select((t, i) => t.Length < TrigramLength
            ? $" AND (c.first_name || ' ' || c.last_name || ' ' || coalesce(c.preferred_name, '') || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '')) LIKE @term{i} ESCAPE '\\'"
            : ""));
        if (longTerms.Count == 0)
        {
            return db.QueryAsync<ClientList.ClientList.Row>(
                $"""
                SELECT c.id AS Id, c.first_name AS FirstName, c.last_name AS LastName, c.phone AS Phone, c.email AS Email
                FROM clients_clients c
                WHERE c.tenant_id = @tenant_id{shortConditions}
                ORDER BY c.last_name, c.first_name
                LIMIT {Limit}
                """,
                parameters);
        }

        // Each term a quoted FTS5 string, so that operators and punctuation typed in the box are only text.
        parameters.Add("match", string.Join(' ', longTerms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
        return db.QueryAsync<ClientList.ClientList.Row>(
            $"""
            SELECT c.id AS Id, c.first_name AS FirstName, c.last_name AS LastName, c.phone AS Phone, c.email AS Email
            FROM clients_search s
            JOIN clients_clients c ON c.id = s.client_id
            WHERE clients_search MATCH @match AND c.tenant_id = @tenant_id{shortConditions}
            ORDER BY c.last_name, c.first_name
            LIMIT {Limit}
            """,
            parameters);
    }

    private static string PostgresSql(int terms)
    {
        var conditions = new StringBuilder();
        for (var i = 0; i < terms; i++)
            conditions.Append(CultureInfo.InvariantCulture, $" AND search_text LIKE @term{i} ESCAPE '\\'");
        return $"""
            SELECT id AS Id, first_name AS FirstName, last_name AS LastName, phone AS Phone, email AS Email
            FROM clients_clients
            WHERE tenant_id = @tenant_id{conditions}
            ORDER BY last_name, first_name
            LIMIT {Limit}
            """;
    }

    /// <summary>Each term as a LIKE pattern for "contains", its wildcards escaped.</summary>
    private static DynamicParameters Parameters(IReadOnlyList<string> terms)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < terms.Count; i++)
        {
            var escaped = terms[i].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            parameters.Add($"term{i}", "%" + escaped + "%");
        }

        return parameters;
    }
}
