using System.Net;
using Clinic.Host.Tests.Audit;
using Clinic.Testing;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>With the default numbers: five failures in 15 minutes lock an account for 15 minutes, and nobody can tell.</summary>
public abstract class LockoutTests(AppFixture fixture)
{
    private const string Mismatch = "That email and password do not match an active account.";

    private ClinicApp App => fixture.App;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_fails_with_the_same_answer()
    {
        var email = await App.NewStaffAsync();

        await App.FailAsync(email, 4);
        var fifth = await App.SignInAsync(email, "not the password either");
        var right = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.Equal((HttpStatusCode.BadRequest, Mismatch, false), fifth.Seen);
        Assert.Equal((HttpStatusCode.BadRequest, Mismatch, false), right.Seen);
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var email = await App.NewStaffAsync();

        await App.FailAsync(email, 4);
        var right = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.Equal(HttpStatusCode.Found, right.Status);
        Assert.True(right.SignedIn);
    }

    [Fact]
    public async Task The_lockout_is_audited_once_against_the_account()
    {
        var email = await App.NewStaffAsync();
        var account = await App.StaffIdAsync(email);

        var recorded = await App.RecordedDuringAsync(() => App.FailAsync(email, 7));

        var lockout = Assert.Single(recorded, e => e.Action == "signin.lockout");
        Assert.Equal(account, lockout.RecordId);
        Assert.Equal(7, recorded.Count(e => e.Action == "signin.failed"));
    }

    [Fact]
    public async Task After_the_lockout_has_passed_the_right_password_signs_in()
    {
        var email = await App.NewStaffAsync();
        await App.FailAsync(email, 5);
        var locked = await App.SignInAsync(email, SignInAttempts.Password);

        await App.AgeAttemptsAsync(email, TimeSpan.FromMinutes(16));
        var later = await App.SignInAsync(email, SignInAttempts.Password);

        Assert.False(locked.SignedIn);
        Assert.Equal(HttpStatusCode.Found, later.Status);
        Assert.True(later.SignedIn);
    }

    [Fact]
    public async Task A_locked_account_an_unknown_email_and_a_wrong_password_get_identical_answers()
    {
        var locked = await App.NewStaffAsync();
        await App.FailAsync(locked, 5);
        var unknown = $"nobody.{Guid.NewGuid():N}@clinic.test";
        var wrong = await App.NewStaffAsync();

        var lockedAnswer = await App.SignInAsync(locked, SignInAttempts.Password);
        var unknownAnswer = await App.SignInAsync(unknown, SignInAttempts.Password);
        var wrongAnswer = await App.SignInAsync(wrong, "not the password");

        Assert.Equal((HttpStatusCode.BadRequest, Mismatch, false), lockedAnswer.Seen);
        Assert.Equal(lockedAnswer.Seen, unknownAnswer.Seen);
        Assert.Equal(lockedAnswer.Seen, wrongAnswer.Seen);
    }

    [Fact]
    public async Task Unknown_emails_count_too_and_their_table_holds_no_email()
    {
        var unknown = $"nobody.{Guid.NewGuid():N}@clinic.test";

        var recorded = await App.RecordedDuringAsync(() => App.FailAsync(unknown, 5));
        var stored = await Web.SingleClinic.InClinicAsync(App, db =>
            db.QueryAsync<string>("SELECT email_hash FROM accounts_sign_in_attempts WHERE tenant_id = @tenant_id"));

        var lockout = Assert.Single(recorded, e => e.Action == "signin.lockout");
        Assert.Null(lockout.RecordId);
        Assert.DoesNotContain(stored, h => h.Contains('@', StringComparison.Ordinal) || h.Contains("nobody", StringComparison.Ordinal));
    }
}

public sealed class LockoutTests_on_Sqlite(SqliteApp fixture) : LockoutTests(fixture), IClassFixture<SqliteApp>;

public sealed class LockoutTests_on_Postgres(PostgresApp fixture) : LockoutTests(fixture), IClassFixture<PostgresApp>;
