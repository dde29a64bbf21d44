using Alpha2.Tests.Deployment;
using Alpha2.Tests.Infrastructure;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace Alpha2.Tests.WebConsole;

/// <summary>
/// A page of the web console in Debian's chromium (Playwright cannot download its own browser here), against the
/// console tests' one <see cref="ServiceStack"/>. Every test fails if the page logged an error to the browser console.
/// </summary>
public abstract class ConsolePageTest : PageTest
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser; CHROMIUM_PATH overrides it.</summary>
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly List<string> _browserErrors = [];
    private readonly List<string> _expectedErrors = [];

    protected static ServiceStack Stack => ConsoleRun.Stack;

    /// <summary>The API the page is opened from; a test about settings starts another API and points here.</summary>
    protected virtual string ConsoleUrl => Stack.ApiUrl;

    protected virtual int Width => 1280;

    protected virtual int Height => 900;

    public override Task<BrowserTypeLaunchOptions?> LaunchOptionsAsync()
    {
        Assert.That(File.Exists(Chromium), Is.True, $"{Chromium} not found: apt-get install chromium (or set CHROMIUM_PATH)");
        return Task.FromResult<BrowserTypeLaunchOptions?>(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // This machine has no internet: without these, chromium tries Google's hosts at every start.
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public override BrowserNewContextOptions ContextOptions() => new()
    {
        BaseURL = ConsoleUrl,
        ViewportSize = new ViewportSize { Width = Width, Height = Height },
        Locale = "en-US",
    };

    [SetUp]
    public void WatchBrowserConsole()
    {
        _browserErrors.Clear();
        _expectedErrors.Clear();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_browserErrors)
                {
                    _browserErrors.Add($"{message.Type}: {message.Text} ({message.Location})");
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (_browserErrors)
            {
                _browserErrors.Add($"uncaught: {error}");
            }
        };
        SetDefaultExpectTimeout(30_000);
    }

    [TearDown]
    public void BrowserConsoleHadNoErrors()
    {
        lock (_browserErrors)
        {
            var unexpected = _browserErrors.Where(error => !_expectedErrors.Any(error.Contains)).ToList();
            Assert.That(unexpected, Is.Empty, "the page logged errors to the browser console");
        }
    }

    /// <summary>
    /// A test that makes the API refuse a request on purpose expects the line chromium itself logs for every 4xx or 5xx
    /// answer ("Failed to load resource: … 401"); the page cannot silence it.
    /// </summary>
    protected void ExpectBrowserError(string containing) => _expectedErrors.Add(containing);

    /// <summary>Opens the console on a tab (<c>feed</c>, <c>whales</c>, <c>radar</c>, <c>ai</c>, <c>providers</c>, <c>queues</c>).</summary>
    protected async Task OpenAsync(string view = "feed")
    {
        await Page.GotoAsync($"/#{view}");
        await Expect(Page.Locator($"#view-{view}")).ToBeVisibleAsync();
    }

    protected async Task ShowTabAsync(string view)
    {
        await Page.Locator($"#tab-{view}").ClickAsync();
        await Expect(Page.Locator($"#view-{view}")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Saves what the page shows as <paramref name="name"/>.png: in TestResults/screenshots/, or with
    /// UPDATE_SCREENSHOTS=1 in docs/screenshots/ for the README, so a test run leaves the repository's files as they were.
    /// </summary>
    protected async Task ScreenshotAsync(string name)
    {
        var directory = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(EnvExampleTests.RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(EnvExampleTests.RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    /// <summary>The job status element of a view, once it shows <paramref name="state"/>.</summary>
    protected async Task<ILocator> JobReachesAsync(string view, string state)
    {
        var status = Page.Locator($"#view-{view} [data-testid=job-status]");
        await Expect(status).ToHaveAttributeAsync("data-state", state);
        return status;
    }
}
