using Clinic.BuildingBlocks.Web;
using FluentValidation;
using Xunit;

namespace Clinic.Host.Tests.Abuse;

/// <summary>What the shared text rules let through and what they refuse, with the field named in every refusal.</summary>
public sealed class TextRulesTests
{
    private static readonly NoteValidator Validator = new();

    [Theory]
    [InlineData("\u202A", "an embedding")]
    [InlineData("\u202B", "an embedding")]
    [InlineData("\u202C", "the end of an embedding")]
    [InlineData("\u202D", "an override")]
    [InlineData("\u202E", "an override")]
    [InlineData("\u2066", "an isolate")]
    [InlineData("\u2067", "an isolate")]
    [InlineData("\u2068", "an isolate")]
    [InlineData("\u2069", "the end of an isolate")]
    public void Direction_changing_characters_are_refused_naming_the_field(string character, string kind)
    {
        var problem = TitleProblem("invoice" + character + "fdp.exe");

        Assert.True(problem is not null, $"{kind} was let through");
        Assert.StartsWith("Title contains an invisible character that reverses how text is shown", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001B")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\t")]
    public void Control_characters_and_line_breaks_are_refused_on_one_line(string character) =>
        Assert.StartsWith("Title contains a control character", TitleProblem("Ayesha" + character + "Khan"), StringComparison.Ordinal);

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u2060")]
    [InlineData("\uFEFF")]
    [InlineData("\u00AD")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\U000E0041")]
    public void Invisible_characters_that_can_hide_text_are_refused(string character) =>
        Assert.StartsWith("Title contains an invisible character", TitleProblem("Aye" + character + "sha"), StringComparison.Ordinal);

    // Written as UTF-16 code units: xUnit names cases by their data, and lone surrogates would all print as U+FFFD.
    [Theory]
    [InlineData(new[] { 0xD800 })]
    [InlineData(new[] { 0xDC00 })]
    [InlineData(new[] { 'a', 0xDC00, 0xD800, 'b' })]
    [InlineData(new[] { 0xFFFD })]
    public void Broken_characters_are_refused(int[] units) =>
        Assert.Equal("Title contains a broken character. Type it again without pasting.", TitleProblem(new string([.. units.Select(u => (char)u)])));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE x;--")]
    [InlineData("Robert\"); --")]
    [InlineData("عائشہ خان")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("Dr 👩🏽\u200D⚕️")]
    [InlineData("Zoë Ñúñez")]
    [InlineData("\u200Fשלום")]
    public void Markup_SQL_and_every_script_in_use_are_ordinary_text(string text) =>
        Assert.Null(TitleProblem(text));

    [Fact]
    public void Text_over_the_maximum_is_refused_naming_the_field_and_the_limit()
    {
        Assert.Null(TitleProblem(new string('a', 30)));
        Assert.Equal("Title must be at most 30 characters.", TitleProblem(new string('a', 31)));
    }

    [Fact]
    public void Multi_line_text_keeps_its_line_breaks_and_tabs_but_not_other_controls()
    {
        var fine = Validator.Validate(new Note { Body = "Line one\r\nLine two\n\tindented" });
        var bell = Validator.Validate(new Note { Body = "Line one\u0007" });

        Assert.True(fine.IsValid);
        Assert.StartsWith("Notes contains a control character", Assert.Single(bell.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_may_hold_any_printable_character_but_no_control_character()
    {
        var unusual = Validator.Validate(new Note { Password = "pass\u202Eword with spaces ✓ \u200B" });
        var control = Validator.Validate(new Note { Password = "pass\u0000word" });
        var tooLong = Validator.Validate(new Note { Password = new string('p', 41) });

        Assert.True(unusual.IsValid);
        Assert.Equal("Password contains a control character. Type it again without pasting.", Assert.Single(control.Errors).ErrorMessage);
        Assert.Equal("Password must be at most 40 characters.", Assert.Single(tooLong.Errors).ErrorMessage);
    }

    [Fact]
    public void Missing_text_is_left_to_the_field_s_own_required_rule() =>
        Assert.True(Validator.Validate(new Note()).IsValid);

    private static string? TitleProblem(string title) =>
        Validator.Validate(new Note { Title = title }).Errors.SingleOrDefault()?.ErrorMessage;

    private sealed class Note
    {
        public string? Title { get; init; }

        public string? Body { get; init; }

        public string? Password { get; init; }
    }

    private sealed class NoteValidator : AbstractValidator<Note>
    {
        public NoteValidator()
        {
            RuleFor(n => n.Title).SingleLine("Title", 30);
            RuleFor(n => n.Body).PlainText("Notes", 200);
            RuleFor(n => n.Password).Secret("Password", 40);
        }
    }
}
