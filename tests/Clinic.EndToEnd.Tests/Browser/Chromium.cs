using System.Collections;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Xunit;

namespace Clinic.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium for the test collection: Debian's build (never one that Playwright downloads), with a
/// throwaway profile and home folder, and no network beyond this machine.
/// </summary>
public sealed class Chromium : IAsyncLifetime, IDisposable
{
    public const string ExecutableVariable = "CLINIC_TEST_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] BaseArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    // A bound but never listening port: every connection to it is refused at once, so a proxy there blocks all
    // traffic that is not to 127.0.0.1 (which bypasses the proxy) without waiting for a timeout.
    private readonly Socket _deadEnd = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly string _home = Path.Combine(Path.GetTempPath(), "clinic-chromium", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    static Chromium()
    {
        Assertions.SetDefaultExpectTimeout(5_000);
    }

    /// <summary>The browser's version, for reports that quote figures measured in it.</summary>
    public string Version => _browser!.Version;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;

    public async Task InitializeAsync()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable} ({ExecutableVariable} or the default {DefaultExecutable}). " +
                "Run the tests through ./test.sh, which installs Debian's chromium package, or set " +
                $"{ExecutableVariable} to a Chromium binary. Do not run `playwright install`.");
        }

        _deadEnd.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var deadEnd = ((IPEndPoint)_deadEnd.LocalEndPoint!).Port;
        Directory.CreateDirectory(_home);

        // Launch gives the browser a fresh temporary profile (--user-data-dir) and deletes it on close; Playwright
        // refuses --user-data-dir in Args, which only LaunchPersistentContext takes.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = 30_000,
            Args =
            [
                .. BaseArguments,
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                $"--proxy-server=http://127.0.0.1:{deadEnd}",
                "--proxy-bypass-list=127.0.0.1",
            ],
            Env = BrowserEnvironment(_home),
        });
    }

    /// <summary>A fresh, isolated browser context (cookies, storage, service workers) on the app at <paramref name="address"/>, with scripts on unless told.</summary>
    public async Task<BrowserSession> OpenAsync(Uri address, ViewportSize viewport, bool javaScript = true)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = viewport,
            Locale = "en-US",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        return new BrowserSession(address, context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A crashed renderer can hold a file for a moment; the folder is under the temp directory anyway.
        }
    }

    public void Dispose() => _deadEnd.Dispose();

    // The browser's own files (NSS database, caches) go to a throwaway home, not the user's.
    private static Dictionary<string, string> BrowserEnvironment(string home)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        environment["HOME"] = home;
        environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        return environment;
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
