using Clinic.BuildingBlocks.Tenancy;

namespace Clinic.Modules.Billing.Features.InvoiceList;

/// <summary>Invoices issued by the clinic, newest first.</summary>
internal static class InvoiceList
{
    public const string Permission = "billing.read";
    public const int PageSize = 100;

    internal sealed class Row
    {
        public string Number { get; init; } = "";

        public DateTimeOffset IssuedAt { get; init; }

        public decimal Total { get; init; }

        public string Currency { get; init; } = "";

        public string Status { get; init; } = "";
    }

    internal sealed class Handler(TenantDb tenantDb)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(CancellationToken ct)
        {
            await using var db = await tenantDb.ReadAsync(ct);
            var rows = await db.QueryAsync<Row>(
                $"""
                SELECT number AS Number, issued_at AS IssuedAt, total AS Total, currency AS Currency, status AS Status
                FROM billing_invoices
                WHERE tenant_id = @tenant_id
                ORDER BY issued_at DESC
                LIMIT {PageSize}
                """);
            return rows;
        }
    }
}
