namespace Alpha2.Tests.WebConsole;

/// <summary>The console under an API key: it asks once, keeps the key for the browser session, and sends it with changes.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleWithApiKeyTests : ConsolePageTest
{
    private const string Key = "console-test-key";
    private string _url = "";

    protected override string ConsoleUrl => _url;

    [OneTimeSetUp]
    public async Task StartKeyedApiAsync() => _url = await Stack.StartApiAsync(new Dictionary<string, string?> { ["API_KEY"] = Key });

    [Test]
    public async Task ApiKey_AWrongOne_ShowsTheProblemsDetail_AndIsAskedAgain()
    {
        ExpectBrowserError("status of 401");
        await OpenAsync("ai");
        var dialog = Page.Locator("#key-dialog");
        await Page.Locator("#api-key").FillAsync("not-the-key");
        await Page.Locator("#api-key-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Page.Locator("#ai-prompt").FillAsync("Refused before it is queued");
        await Page.Locator("#ai-send").ClickAsync();

        var error = Page.Locator("#view-ai [data-testid=job-error]");
        await Expect(error).ToHaveAttributeAsync("data-state", "error");
        await Expect(error).ToContainTextAsync("Send the API key in the X-API-Key header.");
        await Expect(dialog).ToBeVisibleAsync();
    }

    [Test]
    public async Task ApiKey_IsAskedOnce_ThenPauseAndResumeCarryIt()
    {
        await OpenAsync("queues");
        var dialog = Page.Locator("#key-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Page.Locator("#api-key").FillAsync(Key);
        await Page.Locator("#api-key-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var row = Page.GetByTestId("queues").Locator("tr[data-queue='whales']");
        await row.Locator("button[data-action=pause]").ClickAsync();
        await Expect(row.Locator("[data-col=state]")).ToContainTextAsync("paused");
        await row.Locator("button[data-action=resume]").ClickAsync();
        await Expect(row.Locator("[data-col=state]")).ToContainTextAsync("running");

        // Kept for the browser session: a reload does not ask again.
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("queues").Locator("tr[data-queue='whales']")).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }
}

/// <summary>The console with OPS_READ_ONLY=true: everything shows, nothing offers a change the API would refuse.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleReadOnlyTests : ConsolePageTest
{
    private string _url = "";

    protected override string ConsoleUrl => _url;

    [OneTimeSetUp]
    public async Task StartReadOnlyApiAsync() => _url = await Stack.StartApiAsync(new Dictionary<string, string?> { ["OPS_READ_ONLY"] = "true" });

    [Test]
    public async Task ReadOnly_HidesPauseResumeAndDeadLetterChanges()
    {
        await OpenAsync("queues");
        var row = Page.GetByTestId("queues").Locator("tr[data-queue='ai-infer']");
        await Expect(row.Locator("[data-col=queued]")).ToBeVisibleAsync();
        await Expect(row.Locator("button[data-action=pause]")).ToBeHiddenAsync();
        await Expect(Page.Locator("#dead-retry")).ToBeHiddenAsync();
        await Expect(Page.Locator("#dead-delete")).ToBeHiddenAsync();
        await Expect(Page.Locator("#ai-send")).ToBeAttachedAsync();
    }
}

/// <summary>The console on a phone-sized screen (390 px wide).</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleNarrowScreenTests : ConsolePageTest
{
    protected override int Width => 390;

    protected override int Height => 844;

    [TestCase("feed")]
    [TestCase("queues")]
    public async Task NarrowScreen_TheViewFitsItsWidth_TablesScrollInsideThemselves(string view)
    {
        await OpenAsync(view);
        await Expect(Page.Locator($"#view-{view} table").First).ToBeVisibleAsync();
        var pageWidth = await Page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.That(pageWidth, Is.LessThanOrEqualTo(Width), "the page scrolls sideways");
        await ScreenshotAsync($"{view}-390");
    }
}
