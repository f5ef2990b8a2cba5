using System.Text;
using Clinic.BuildingBlocks.Audit;
using Clinic.BuildingBlocks.Work;
using FluentValidation;
using CsvHelper;

namespace Clinic.Modules.Clients.Features.ImportClients;

/// <summary>
/// Reception adds many clients from a CSV file: a preview validates every row under AddClient's rules, and a commit
/// adds them all in one transaction, or none. Between the two the file waits in clients_imports (not in the browser,
/// so what is committed is exactly what was previewed), for <see cref="StagedFor"/> at most, for the person who uploaded it.
/// </summary>
internal static class ImportClients
{
    public const string AuditAction = "clients.imported";
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5_000;
    public static readonly TimeSpan StagedFor = TimeSpan.FromMinutes(30);

    /// <summary>The columns, in the order the page documents them, with the header spellings each accepts.</summary>
    public static readonly (string Column, string Meaning, string[] Spellings)[] Columns =
    [
        ("first_name", "Required.", ["firstname", "first", "forename", "givenname"]),
        ("last_name", "Required.", ["lastname", "last", "surname", "familyname"]),
        ("mobile", "Required. Local (0300 1234567) or international (+92 300 1234567).", ["mobile", "mobilenumber", "mobilephone", "phone", "phonenumber", "cell", "cellphone"]),
        ("email", "Optional.", ["email", "emailaddress"]),
        ("date_of_birth", "Optional, as yyyy-mm-dd. Under 18s need a guardian: add them one by one instead.", ["dateofbirth", "dob", "birthdate", "birthday"]),
        ("gender", "Optional: Female, Male or Other.", ["gender", "sex"]),
        ("address", "Optional.", ["address", "postaladdress"]),
        ("tags", "Optional, separated by commas inside the field, e.g. \"VIP, prefers mornings\".", ["tags", "tag"]),
        ("notes", "Optional. Nothing clinical.", ["notes", "note", "comments"]),
    ];

    private static readonly string[] Required = ["first_name", "last_name", "mobile"];

    /// <summary>A problem in the file: the spreadsheet row (the header is row 1), the column, and what to fix.</summary>
    internal sealed record Problem(int Row, string Column, string Message);

    internal sealed record Preview(IReadOnlyList<(int Row, AddClient.AddClient.Request Client)> Clients, IReadOnlyList<Problem> Problems)
    {
        public bool CanCommit => Problems.Count == 0 && Clients.Count > 0;
    }

    /// <summary>Reads and validates the whole file under AddClient's rules; problems are collected, never thrown.</summary>
    public static async Task<Preview> ReadAsync(byte[] file, IValidator<AddClient.AddClient.Request> validator, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var clients = new List<(int, AddClient.AddClient.Request)>();
        try
        {
            using var csv = CsvReader.Create(file, CsvReaderOptions.Default with { TrimWhitespace = true, MaxRecordSize = MaxBytes });
            var columns = HeaderColumns([.. csv.Headers], problems);
            if (problems.Count > 0)
                return new Preview([], problems);

            while (csv.Read())
            {
                var row = (int)csv.RowNumber + 1;
                if (clients.Count == MaxRows)
                {
                    problems.Add(new Problem(row, "", $"The file has more than {MaxRows:N0} clients: split it into smaller files."));
                    break;
                }

                var request = Request(i => i < csv.FieldCount ? csv.GetString(i) : null, columns);
                problems.AddRange((await validator.ValidateAsync(request, ct)).Errors
                    .Select(e => new Problem(row, ColumnOf(e.PropertyName), e.ErrorMessage)));
                clients.Add((row, request));
            }
        }
        catch (CsvFormatException)
        {
            problems.Add(new Problem(0, "", "The file could not be read as CSV. Save it from your spreadsheet as \"CSV UTF-8\" and try again."));
        }

        if (clients.Count == 0 && problems.Count == 0)
            problems.Add(new Problem(2, "", "The file has a header row but no clients."));
        return new Preview(clients, problems);
    }

    /// <summary>Which CSV column index holds each known column; unknown, repeated or missing columns are problems of row 1.</summary>
    private static Dictionary<string, int> HeaderColumns(IReadOnlyList<string> headers, List<Problem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var spelled = Normalized(headers[i]);
            if (spelled.Length == 0)
                continue;
            var column = Columns.FirstOrDefault(c => c.Spellings.Contains(spelled, StringComparer.Ordinal)).Column;
            if (column is null)
                problems.Add(new Problem(1, headers[i], $"Unknown column \"{headers[i]}\". Use the column names listed on this page."));
            else if (!columns.TryAdd(column, i))
                problems.Add(new Problem(1, headers[i], $"The column {column} appears twice."));
        }

        problems.AddRange(Required.Where(c => !columns.ContainsKey(c))
            .Select(c => new Problem(1, c, $"The header row has no {c} column.")));
        return columns;
    }

    // "First Name", "first_name" and "FIRST-NAME" are the same column.
    private static string Normalized(string header) =>
        new([.. header.Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static AddClient.AddClient.Request Request(Func<int, string?> field, Dictionary<string, int> columns)
    {
        string? Get(string column) => columns.TryGetValue(column, out var i) ? field(i) : null;
        return new AddClient.AddClient.Request
        {
            FirstName = Get("first_name"),
            LastName = Get("last_name"),
            Phone = Get("mobile"),
            Email = Get("email"),
            DateOfBirth = Get("date_of_birth"),
            Gender = Capitalized(Get("gender")),
            Address = Get("address"),
            Tags = Get("tags"),
            Notes = Get("notes"),
        };
    }

    // Spreadsheets often say "female"; the form's rule wants the listed spelling.
    private static string? Capitalized(string? value) =>
        string.IsNullOrWhiteSpace(value) ? value : char.ToUpperInvariant(value.Trim()[0]) + value.Trim()[1..].ToLowerInvariant();

    private static string ColumnOf(string property) => property switch
    {
        nameof(AddClient.AddClient.Request.FirstName) => "first_name",
        nameof(AddClient.AddClient.Request.LastName) => "last_name",
        nameof(AddClient.AddClient.Request.Phone) => "mobile",
        nameof(AddClient.AddClient.Request.Email) => "email",
        nameof(AddClient.AddClient.Request.DateOfBirth) => "date_of_birth",
        nameof(AddClient.AddClient.Request.Gender) => "gender",
        nameof(AddClient.AddClient.Request.Address) => "address",
        nameof(AddClient.AddClient.Request.Tags) => "tags",
        nameof(AddClient.AddClient.Request.Notes) => "notes",
        // Guardian fields: the file has no such columns, so the date of birth is what to change.
        _ => "date_of_birth",
    };

    /// <summary>Adds every client of a staged file; the form sends back the id its preview staged.</summary>
    internal sealed class Commit
    {
        public string? ImportId { get; set; }
    }

    internal sealed class Handler(UnitOfWork work, AuditContext context, TimeProvider time, IValidator<AddClient.AddClient.Request> validator)
        : ICommandHandler<Commit, int>
    {
        public const string Expired = "This import has expired or was already added. Upload the file again.";

        /// <summary>Reads the file; one without problems is kept for its commit form, whose id comes back with the preview.</summary>
        public async Task<(Preview Preview, Guid? StagedId)> PreviewAsync(byte[] file, CancellationToken ct)
        {
            var preview = await ReadAsync(file, validator, ct);
            if (!preview.CanCommit)
                return (preview, null);

            var staged = await work.RunAsync<Guid>(change => StageAsync(change, file), ct);
            return (preview, staged.Value);
        }

        /// <summary>Adds every client of the staged file in one transaction, or none, when the import is this person's and still waiting.</summary>
        public async Task<Outcome<int>> HandleAsync(Commit command, Change change)
        {
            if (!Guid.TryParse(command.ImportId, out var id))
                return Outcome.Invalid("", Expired);

            var now = time.GetUtcNow();
            var content = await change.Db.QuerySingleOrDefaultAsync<string>(
                "SELECT content FROM clients_imports WHERE tenant_id = @tenant_id AND id = @id AND staged_by = @stagedBy AND created_at >= @cutoff",
                new { id, stagedBy = StagedBy(), cutoff = now - StagedFor });
            if (content is null)
                return Outcome.Invalid("", Expired);

            // Validated again: the rules (and today's date) are the commit's, not the preview's.
            var preview = await ReadAsync(Encoding.UTF8.GetBytes(content), validator, change.Cancellation);
            if (!preview.CanCommit)
                return Outcome.Invalid("", Expired);

            foreach (var (_, client) in preview.Clients)
            {
                var clientId = Guid.CreateVersion7();
                await AddClient.AddClient.InsertAsync(change.Db, clientId, client, now);
                change.Audit(new AuditEntry(AuditAction) { ClientId = clientId, RecordId = id });
            }

            await change.Db.ExecuteAsync("DELETE FROM clients_imports WHERE tenant_id = @tenant_id AND id = @id", new { id });
            return preview.Clients.Count;
        }

        private async Task<Outcome<Guid>> StageAsync(Change change, byte[] file)
        {
            var id = Guid.CreateVersion7();
            var now = time.GetUtcNow();
            await change.Db.ExecuteAsync("DELETE FROM clients_imports WHERE tenant_id = @tenant_id AND created_at < @cutoff", new { cutoff = now - StagedFor });
            await change.Db.ExecuteAsync(
                "INSERT INTO clients_imports (id, tenant_id, staged_by, content, created_at) VALUES (@id, @tenant_id, @stagedBy, @content, @now)",
                new { id, stagedBy = StagedBy(), content = Encoding.UTF8.GetString(file), now });
            return id;
        }

        private Guid StagedBy() => context.Actor?.Id ?? throw new InvalidOperationException("Imports are staged by a signed-in member of staff.");
    }
}
