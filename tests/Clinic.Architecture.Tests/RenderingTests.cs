using System.Text.RegularExpressions;
using Xunit;

namespace Clinic.Architecture.Tests;

/// <summary>
/// How pages reach the browser (ADR 0034): rendered whole on the server, staff links followed by enhanced navigation,
/// forms posted plainly, and every page script rebinding after an enhanced navigation.
/// </summary>
public sealed partial class RenderingTests
{
    // Scripts that need not listen for enhanced navigations, and why.
    private static readonly Dictionary<string, string> ScriptsThatDoNotRebind = new(StringComparer.Ordinal)
    {
        ["app.js"] = "it is the loader: it runs the scripts a patched-in page brings, and its own listeners are on the document",
        ["sw.js"] = "the service worker runs outside any page",
        ["analytics.js"] = "it counts one page view each time it runs; cookies.js runs it again on each page that allows it",
    };

    [Fact]
    public void No_page_streams_or_runs_as_an_interactive_component()
    {
        var offences = SourceFiles("*.razor").Concat(SourceFiles("*.cs"))
            .SelectMany(file => Interactive().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value}"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void No_form_is_posted_by_enhanced_navigation()
    {
        var offences = SourceFiles("*.razor")
            .SelectMany(file => EnhancedForm().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value}"))
            .ToList();

        Offences.AssertNone(offences);
    }

    [Fact]
    public void Every_page_script_binds_again_after_an_enhanced_navigation()
    {
        var scripts = SourceFiles("*.js").Where(f => f.Split(Path.DirectorySeparatorChar).Contains("wwwroot")).ToList();
        var offences = scripts
            .Where(f => !ScriptsThatDoNotRebind.ContainsKey(Path.GetFileName(f)))
            .Where(f => !File.ReadAllText(f).Contains("addEventListener(\"enhancedload\"", StringComparison.Ordinal)
                && !File.ReadAllText(f).Contains("addEventListener('enhancedload'", StringComparison.Ordinal))
            .Select(f => $"{Relative(f)}: bind on load and on Blazor's 'enhancedload', each element once (see calendar.js)")
            .ToList();

        Assert.True(scripts.Count >= 7, $"Only {scripts.Count} scripts found under src/**/wwwroot.");
        Offences.AssertNone(offences);
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Codebase.Root, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string Relative(string file) => Path.GetRelativePath(Codebase.Root, file);

    [GeneratedRegex(@"\[StreamRendering\b|@rendermode\b|\bInteractive(Server|WebAssembly|Auto)\b|\bAddInteractive\w+", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Interactive();

    [GeneratedRegex(@"\bdata-enhance(?!-nav)\b|<(form|EditForm|PostForm)\b[^>]*\bEnhance\b", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnhancedForm();
}
