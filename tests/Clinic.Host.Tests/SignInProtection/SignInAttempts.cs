using System.Net;
using Clinic.Host.Tests.Web;
using Clinic.Modules.Accounts.SignInProtection;
using Clinic.Testing;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>Sign-in as a browser without JavaScript posts it, and what comes back.</summary>
internal static class SignInAttempts
{
    public const string Password = "a long and private sentence";

    /// <summary>A new reception account, so each test counts only its own attempts.</summary>
    public static async Task<string> NewStaffAsync(this ClinicApp app)
    {
        var email = $"reception.{Guid.NewGuid():N}@clinic.test";
        await app.AddStaffAsync(email, BuildingBlocks.Security.Roles.Reception, Password);
        return email;
    }

    public static async Task<Answer> SignInAsync(this ClinicApp app, string email, string password)
    {
        using var browser = app.Browser();
        var response = await browser.SubmitAsync("/sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var page = await response.PageAsync();
        return new Answer(response.StatusCode, page.QuerySelector("[role=alert]")?.TextContent.Trim(), response.SetsCookie("clinic.session"), response);
    }

    public static async Task FailAsync(this ClinicApp app, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var answer = await app.SignInAsync(email, "not the password " + i);
            if (answer.Status != HttpStatusCode.BadRequest)
                throw new InvalidOperationException($"A wrong password answered {(int)answer.Status}.");
        }
    }

    /// <summary>Moves every recorded attempt for the email back in time, as if the test had waited.</summary>
    public static Task AgeAttemptsAsync(this ClinicApp app, string email, TimeSpan by) =>
        app.InClinicAsync(async db =>
        {
            var rows = await db.QueryAsync<Row>(
                "SELECT id AS Id, attempted_at AS AttemptedAt FROM accounts_sign_in_attempts WHERE tenant_id = @tenant_id AND email_hash = @hash",
                new { hash = AccountLockout.EmailHash(email) });
            foreach (var row in rows)
            {
                await db.ExecuteAsync(
                    "UPDATE accounts_sign_in_attempts SET attempted_at = @at WHERE tenant_id = @tenant_id AND id = @id",
                    new { id = row.Id, at = row.AttemptedAt - by });
            }

            return rows.Count;
        });

    public sealed record Answer(HttpStatusCode Status, string? Alert, bool SignedIn, HttpResponseMessage Response)
    {
        public (HttpStatusCode, string?, bool) Seen => (Status, Alert, SignedIn);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public DateTimeOffset AttemptedAt { get; init; }
    }
}
