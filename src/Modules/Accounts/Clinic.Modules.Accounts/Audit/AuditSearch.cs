using Clinic.BuildingBlocks.Data;

namespace Clinic.Modules.Accounts.Audit;

/// <summary>Finds a clinic's audit entries, newest first, for the viewer and the export.</summary>
internal static class AuditSearch
{
    /// <summary>One page of matching entries, starting <paramref name="skip"/> entries after the newest.</summary>
    public static Task<IReadOnlyList<AuditRow>> PageAsync(DbSession db, AuditCriteria criteria, long skip, int take) =>
        db.QueryAsync<AuditRow>(
            $"""
            SELECT {AuditRow.Columns} FROM accounts_audit_entries
            WHERE {Where(criteria)}
            ORDER BY sequence DESC
            LIMIT @take OFFSET @skip
            """,
            Parameters(criteria, new { take, skip }));

    /// <summary>The matching entries older than <paramref name="before"/>, for walking the whole result in batches.</summary>
    public static Task<IReadOnlyList<AuditRow>> OlderThanAsync(DbSession db, AuditCriteria criteria, long before, int take) =>
        db.QueryAsync<AuditRow>(
            $"""
            SELECT {AuditRow.Columns} FROM accounts_audit_entries
            WHERE {Where(criteria)} AND sequence < @before
            ORDER BY sequence DESC
            LIMIT @take
            """,
            Parameters(criteria, new { take, before }));

    /// <summary>The actions recorded so far, for the filter's list.</summary>
    public static Task<IReadOnlyList<string>> ActionsAsync(DbSession db) =>
        db.QueryAsync<string>("SELECT DISTINCT action FROM accounts_audit_entries WHERE tenant_id = @tenant_id ORDER BY action");

    // Conditions are fixed text chosen by which criteria are set; the values themselves are always parameters.
    private static string Where(AuditCriteria criteria)
    {
        var conditions = new List<string> { "tenant_id = @tenant_id" };
        if (criteria.ActorId is not null)
            conditions.Add("actor_id = @actor_id");
        if (criteria.ClientId is not null)
            conditions.Add("client_id = @client_id");
        if (criteria.Action is not null)
            conditions.Add("action = @action");
        if (criteria.From is not null)
            conditions.Add("occurred_at >= @from");
        if (criteria.Until is not null)
            conditions.Add("occurred_at < @until");
        return string.Join(" AND ", conditions);
    }

    private static Dapper.DynamicParameters Parameters(AuditCriteria criteria, object paging)
    {
        var parameters = new Dapper.DynamicParameters(paging);
        parameters.AddDynamicParams(new
        {
            actor_id = criteria.ActorId,
            client_id = criteria.ClientId,
            action = criteria.Action,
            from = criteria.From,
            until = criteria.Until,
        });
        return parameters;
    }
}
