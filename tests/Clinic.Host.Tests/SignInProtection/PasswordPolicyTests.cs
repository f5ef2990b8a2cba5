using Clinic.Modules.Accounts.Passwords;
using Xunit;

namespace Clinic.Host.Tests.SignInProtection;

/// <summary>New passwords: 12 to 256 characters of anything, not common, not a pattern, not the email.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("a sentence that is long enough")]
    [InlineData("correct horse battery staple")]
    [InlineData("Ünïcödé ünd emoji 🦷🦷 too")]
    [InlineData("twelve chars")]
    public void A_long_uncommon_password_of_any_characters_is_accepted(string password) =>
        Assert.Null(PasswordPolicy.Problem(password, "owner@clinic.test"));

    [Theory]
    [InlineData("", "Choose a password.")]
    [InlineData("short one", "Use at least 12 characters.")]
    [InlineData("password1234", "This password is too common")]
    [InlineData("PassWord1234", "This password is too common")]
    [InlineData("Qwerty123456", "This password is too common")]
    [InlineData("iloveyou1234", "This password is too common")]
    [InlineData("1q2w3e4r5t6y", "This password is too common")]
    [InlineData("welcome@2025", "This password is too common")]
    [InlineData("abcabcabcabcabc", "This password repeats too few characters")]
    [InlineData("my owner@clinic.test pass", "Do not use your email address")]
    public void A_short_common_or_predictable_password_is_refused_saying_why(string password, string why) =>
        Assert.StartsWith(why, PasswordPolicy.Problem(password, "owner@clinic.test"), StringComparison.Ordinal);

    [Fact]
    public void A_password_over_256_characters_is_refused() =>
        Assert.Equal("Use at most 256 characters.", PasswordPolicy.Problem(new string('x', 200) + "abcdefghijklmnopqrstuvwxyz" + new string('y', 31)));
}
