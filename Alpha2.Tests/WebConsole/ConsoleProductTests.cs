using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alpha2.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Alpha2.Tests.WebConsole;

/// <summary>The dashboard's views in a real browser, against the sandbox's world (README, "The console").</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleProductTests : ConsolePageTest
{
    // The sandbox's pump.fun world: DOGE99, a later "doge 99" copycat, and RUG whose mint authority is still set.
    private const string DogeMint = "DoGE99sandbox1111111111111111111111111pump";
    private const string CopycatMint = "CoPYdogesandbox11111111111111111111111pump";
    private const string RugMint = "RuGsandbox111111111111111111111111111pump";

    [Test]
    public async Task Feed_ListsTheSandboxMints_WithTheirSafeFlagsReasonsAndOriginals()
    {
        await OpenAsync("feed");
        var feed = Page.GetByTestId("feed");
        var rug = feed.Locator($"tr[data-mint='{RugMint}']");
        var doge = feed.Locator($"tr[data-mint='{DogeMint}']");
        var copy = feed.Locator($"tr[data-mint='{CopycatMint}']");
        await Expect(rug).ToBeVisibleAsync();
        await Expect(doge).ToBeVisibleAsync();
        await Expect(copy).ToBeVisibleAsync();

        await Expect(rug.Locator("[data-col=name]")).ToHaveTextAsync("$RUG");
        await Expect(rug.Locator(".badge")).ToHaveAttributeAsync("data-safe", "false");
        await Expect(doge.Locator(".badge")).ToHaveAttributeAsync("data-safe", "true");

        // The reasons show on keyboard focus, not only on hover.
        var rugTooltip = rug.Locator("[role=tooltip]");
        await Expect(rugTooltip).ToBeHiddenAsync();
        await rug.Locator(".badge").FocusAsync();
        await Expect(rugTooltip).ToBeVisibleAsync();
        await Expect(rugTooltip).ToContainTextAsync("mint authority not revoked");

        await Expect(copy.Locator("[data-col=original] a")).ToHaveAttributeAsync("href", $"#mint-{DogeMint}");
        await Expect(doge.Locator("[data-col=original]")).Not.ToContainTextAsync("copycat");
        await Expect(doge.Locator("[data-col=mint]")).ToHaveAttributeAsync("title", DogeMint);
        await ScreenshotAsync("feed");
    }

    [Test]
    public async Task Whales_AScan_ShowsItsProgressThenTheTopThree()
    {
        await OpenAsync("whales");
        await Page.Locator("#whales-scan").ClickAsync();
        await JobReachesAsync("whales", "done");
        var first = Page.GetByTestId("whales").Locator("tbody tr").First;
        await Expect(first).ToContainTextAsync("$DOGE99");
        await ScreenshotAsync("whales");
    }

    [Test]
    public async Task Radar_ASearchForOptimus_ShowsItsListingsWithBirdeyeAndSocialFigures()
    {
        await OpenAsync("radar");
        await Page.Locator("#radar-query").FillAsync("OPTIMUS");
        await Page.Locator("#radar-query").PressAsync("Enter");
        await JobReachesAsync("radar", "done");
        var rows = Page.GetByTestId("radar").Locator("tbody tr");
        await Expect(rows.Filter(new LocatorFilterOptions { HasText = "binance" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new LocatorFilterOptions { HasText = "okx" })).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("a[href^='https://birdeye.so/token/']")).ToBeVisibleAsync();
        await ScreenshotAsync("radar");
    }

    [Test]
    public async Task Radar_OpenedBeforeASearchOfItsOwn_ShowsTheLatestSearch()
    {
        using var api = new HttpClient { BaseAddress = new Uri(Stack.ApiUrl) };
        var search = await api.FinishedJobAsync(await api.PostJobAsync("/api/cex-radar/search", new { query = "OPTIMUS" }));
        Assert.That(search.GetProperty("status").GetString(), Is.EqualTo("done"));

        await OpenAsync("radar");

        var rows = Page.GetByTestId("radar").Locator("tbody tr");
        await Expect(rows.Filter(new LocatorFilterOptions { HasText = "binance" })).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("a[href^='https://birdeye.so/token/']")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Ai_APrompt_ReturnsTheAnswerWithTokensCostAndTodaysSpend()
    {
        await OpenAsync("ai");
        await AskAsync("groq", "llama-3.1-8b-instant", "Is $DOGE99 original?");
        await JobReachesAsync("ai", "done");
        await Expect(Page.GetByTestId("ai-answer")).ToContainTextAsync("Sandbox Groq");
        await Expect(Page.GetByTestId("ai-tokens")).ToHaveTextAsync(new Regex("[1-9]"));
        await Expect(Page.GetByTestId("ai-cost")).ToContainTextAsync("$0.0");
        await Expect(Page.GetByTestId("ai-spend")).ToContainTextAsync("$5.00");
        await Expect(Page.GetByTestId("ai-truncated")).ToBeHiddenAsync();
        await ScreenshotAsync("ai");
    }

    [Test]
    public async Task Ai_WhileItsQueueIsPaused_APromptStaysQueuedUntilResume()
    {
        await OpenAsync("queues");
        var row = Page.GetByTestId("queues").Locator("tr[data-queue='ai-infer']");
        await row.Locator("button[data-action=pause]").ClickAsync();
        await Expect(row.Locator("[data-col=state]")).ToContainTextAsync("paused");
        try
        {
            await ShowTabAsync("ai");
            await AskAsync("gemini", "gemini-2.5-flash", "Where is OPTIMUS listed?");
            var ai = await JobReachesAsync("ai", "queued");

            // The positive signal that the worker is claiming meanwhile: a search queued after the prompt is done first.
            await ShowTabAsync("radar");
            await Page.Locator("#radar-query").FillAsync("OPTIMUS");
            await Page.Locator("#radar-query").PressAsync("Enter");
            await JobReachesAsync("radar", "done");
            await Expect(ai).ToHaveAttributeAsync("data-state", "queued");

            await ShowTabAsync("queues");
            await Expect(row.Locator("[data-col=queued]")).ToHaveTextAsync("1");
            await ScreenshotAsync("queues-paused");
            await row.Locator("button[data-action=resume]").ClickAsync();
            await Expect(row.Locator("[data-col=state]")).ToContainTextAsync("running");
            await ShowTabAsync("ai");
            await JobReachesAsync("ai", "done");
            await Expect(Page.GetByTestId("ai-answer")).ToContainTextAsync("Sandbox Gemini");
        }
        finally
        {
            using var http = new HttpClient();
            await http.PostAsync($"{Stack.ApiUrl}/api/ops/queues/ai-infer/resume", null);
        }
    }

    [Test]
    public async Task DeadLetters_AJobFailedByAProviderFault_ShowsItsErrorAndARetryMakesItDone()
    {
        await Stack.SetFaultAsync("500", "/groq/*");
        string jobId;
        try
        {
            await OpenAsync("ai");
            await AskAsync("groq", "llama-3.1-8b-instant", "Will this call fail?");
            var status = await JobReachesAsync("ai", "failed");
            await Expect(Page.Locator("#view-ai [data-testid=job-error]")).Not.ToBeEmptyAsync();
            jobId = await status.GetAttributeAsync("data-job-id") ?? "";
            Assert.That(jobId, Does.StartWith("ai-infer:"));
        }
        finally
        {
            await Stack.SetFaultAsync("none");
        }

        await ShowTabAsync("queues");
        await Page.Locator("#dead-queue").SelectOptionAsync("ai-infer");
        await Page.Locator("#dead-search").FillAsync(jobId);
        var dead = Page.GetByTestId("dead").Locator($"tr[data-id='{jobId}']");
        await Expect(dead).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("dead").Locator("tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync("queues");

        await dead.Locator("button[data-action=detail]").ClickAsync();
        var detail = Page.GetByTestId("job-detail");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(detail).ToContainTextAsync("failed");
        await ScreenshotAsync("job-detail");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(detail).ToBeHiddenAsync();

        // The job search finds it too, failed.
        await Page.Locator("#jobs-q").FillAsync(jobId);
        await Page.Locator("#jobs-q").PressAsync("Enter");
        await Expect(Page.GetByTestId("jobs").Locator($"tr[data-id='{jobId}'] [data-col=status]")).ToContainTextAsync("failed");

        await dead.Locator("input[type=checkbox]").CheckAsync();
        await Page.Locator("#dead-retry").ClickAsync();
        await Expect(Page.GetByTestId("dead-result")).ToContainTextAsync("1");
        await Expect(dead).ToHaveCountAsync(0);

        using var http = new HttpClient();
        await Eventually.TrueAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>($"{Stack.ApiUrl}/api/jobs/{jobId}?wait=5")).GetProperty("status").GetString() == "done",
            TimeSpan.FromSeconds(30),
            "the retried job is done");
    }

    [Test]
    public async Task Providers_ShowEachProvidersLatencySpendAndDayCharts()
    {
        await OpenAsync("ai");
        await AskAsync("gemini", "gemini-2.5-flash-lite", "Say hello");
        await JobReachesAsync("ai", "done");

        await ShowTabAsync("providers");
        var gemini = Page.GetByTestId("providers").Locator("tr[data-provider=gemini]");
        await Expect(gemini).ToBeVisibleAsync();
        await Expect(Page.Locator("#view-providers svg").First).ToBeVisibleAsync();
        // The sandbox stack runs without a websocket, so the poller feeds the mint list (docs/domain.md §5).
        await Expect(Page.GetByTestId("mint-source")).ToContainTextAsync("poller");
        await ScreenshotAsync("providers");
    }

    [Test]
    public async Task Queues_ShowCountsChartsAndTheLiveWorker()
    {
        await OpenAsync("queues");
        await Expect(Page.GetByTestId("queues").Locator("tr[data-queue]")).ToHaveCountAsync(4);
        var workers = Page.GetByTestId("workers").Locator("tbody tr");
        await Expect(workers).ToHaveCountAsync(1);
        await Expect(workers.First).ToContainTextAsync("ai-infer");
        await Expect(Page.Locator("#view-queues svg").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task Language_Russian_TranslatesTheTabsAndTheProvidersSuggestion()
    {
        await OpenAsync("providers");
        // The sandbox's history is read in the first poll; the polls after it find nothing new, which the panel flags.
        var suggestion = Page.GetByTestId("suggestion");
        await Expect(suggestion).ToHaveTextAsync(new Regex("[A-Za-z]{4}"));
        await Page.Locator("#lang").SelectOptionAsync("ru");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Expect(Page.Locator("#tab-providers")).ToHaveTextAsync(new Regex("[А-Яа-я]{4}"));
        await Expect(suggestion).ToHaveTextAsync(new Regex("[А-Яа-я]{4}"));
        await Page.Locator("#lang").SelectOptionAsync("en");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    private async Task AskAsync(string provider, string model, string prompt)
    {
        await Page.Locator("#ai-provider").SelectOptionAsync(provider);
        await Page.Locator("#ai-model").SelectOptionAsync(model);
        await Page.Locator("#ai-prompt").FillAsync(prompt);
        await Page.Locator("#ai-send").ClickAsync();
    }
}
