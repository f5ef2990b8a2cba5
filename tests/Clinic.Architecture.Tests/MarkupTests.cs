using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// What the pages' markup asks of the browser is there: every class is styled or knowingly a name, and no attribute
/// says a thing Razor will say again (a character reference written beside code is encoded a second time).
/// </summary>
public sealed partial class MarkupTests
{
    private static readonly IReadOnlyList<RazorAttribute> Attributes = [.. RazorAttributes.Files().SelectMany(RazorAttributes.In)];

    private static readonly IReadOnlyList<ClassUse> Classes =
        [.. Attributes.Where(a => a.Name == "class").SelectMany(Stylesheets.In)];

    [Fact]
    public void Every_class_a_page_uses_is_styled_by_a_served_stylesheet_or_listed_as_a_name()
    {
        var names = MarkupNames.All.ToHashSet(StringComparer.Ordinal);
        var offences = Classes
            .Where(use => use.IsPrefix
                ? !Stylesheets.Classes.Any(c => c.StartsWith(use.Name, StringComparison.Ordinal)) && !MarkupNames.Prefixes.Contains(use.Name)
                : !Stylesheets.Classes.Contains(use.Name) && !names.Contains(use.Name))
            .Select(use => $"{use}: no served stylesheet styles it; style it, or list it in MarkupNames with the reason it needs no style")
            .ToList();

        // The scan reads what it should: plenty of classes, including a choice made in code and a name code completes.
        Assert.True(Classes.Count > 300, $"Only {Classes.Count} classes found in {RazorAttributes.Files().Count()} .razor files.");
        Assert.Contains(Classes, use => use is { Name: "badge-muted", IsPrefix: false });
        Assert.Contains(Classes, use => use is { Name: "status-", IsPrefix: true });
        Offences.AssertNone(offences);
    }

    [Fact]
    public void Every_listed_name_is_on_a_page_and_styled_by_no_stylesheet()
    {
        var used = Classes.Where(use => !use.IsPrefix).Select(use => use.Name).ToHashSet(StringComparer.Ordinal);
        var offences = MarkupNames.All
            .Where(name => !used.Contains(name)).Select(name => $"{name}: no page uses it any more; take it off the list")
            .Concat(MarkupNames.All.Where(Stylesheets.Classes.Contains).Select(name => $"{name}: a stylesheet styles it, so it is not only a name; take it off the list"))
            .Concat(MarkupNames.All.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key}: listed twice"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void Names_said_to_be_read_by_tests_scripts_or_forms_are()
    {
        var tests = string.Concat(Directory.EnumerateFiles(Path.Combine(Codebase.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(File.ReadAllText));
        var scripts = string.Concat(Directory.EnumerateFiles(Path.Combine(Codebase.Root, "src"), "*.js", SearchOption.AllDirectories)
            .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("wwwroot"))
            .Select(File.ReadAllText));
        var offences = MarkupNames.ReadByTests.Where(name => !Selects(tests, name)).Select(name => $"{name}: no test selects .{name}")
            .Concat(MarkupNames.ReadByScripts.Where(name => !Selects(scripts, name) && !scripts.Contains($"'{name}'", StringComparison.Ordinal))
                .Select(name => $"{name}: no script reads it"))
            .Concat(Classes.Where(use => MarkupNames.Forms.Contains(use.Name) && use.Attribute.Element is not ("form" or "PostForm"))
                .Select(use => $"{use}: listed as a form's name, but it is on a <{use.Attribute.Element}>"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void No_attribute_that_razor_encodes_holds_a_character_reference()
    {
        // Razor writes an attribute that mixes text with code, and every component parameter, from a C# string that it
        // HTML-encodes: "&amp;" there reaches the browser as "&amp;amp;" (a booking link lost its date and time so).
        var offences = Attributes
            .Where(a => a.MixesTextAndCode || (a.Element.Length > 0 && char.IsUpper(a.Element[0])))
            .Where(a => a.Parts.Any(p => !p.IsCode && CharacterReference().IsMatch(p.Text)))
            .Select(a => $"{a}: write the character itself (Razor encodes it), or build the value in code")
            .ToList();

        Assert.True(Attributes.Count(a => a.MixesTextAndCode) > 100, "The scan found too few attributes that mix text and code.");
        Offences.AssertNone(offences);
    }

    private static bool Selects(string source, string name) => Regex.IsMatch(source, $@"\.{Regex.Escape(name)}(?![\w-])", RegexOptions.None, TimeSpan.FromSeconds(5));

    [GeneratedRegex(@"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex CharacterReference();
}
