using Alpha2.Tests.Infrastructure;

namespace Alpha2.Tests.Reliability;

/// <summary>
/// The UI polls and every job calls a provider: at their default levels, ASP.NET Core, HttpClientFactory and Polly would
/// log several lines for each. They are off unless an operator turns them on.
/// </summary>
public sealed class LogVolumeTests
{
    // Logged before the endpoint runs; "Request finished" may come after the client has its answer.
    private const string RequestStarting = "Information Microsoft.AspNetCore.Hosting.Diagnostics: Request starting";
    private static readonly string[] ProviderCallCategories = ["System.Net.Http.HttpClient", "Polly"];

    private TestStack _stack = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _stack = await TestStack.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    [TestCase(null, false)]
    [TestCase("Information", true)]
    public async Task ApiLogsNoLinePerRequest_UnlessTurnedOn(string? level, bool logged)
    {
        using var logs = new CapturedTelemetry();
        var settings = new Dictionary<string, string?>();
        if (level is not null)
        {
            settings["Logging:LogLevel:Microsoft.AspNetCore"] = level;
        }

        await using var api = new ApiFactory(_stack.RedisUrl, settings, logs);
        using var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/whales/top3")).EnsureSuccessStatusCode();
        }

        Assert.That(logs.Lines.Count(l => l.StartsWith(RequestStarting, StringComparison.Ordinal)), Is.EqualTo(logged ? 3 : 0));
    }

    [TestCase(null, false)]
    [TestCase("Information", true)]
    public async Task WorkerLogsNoLinePerProviderCall_UnlessTurnedOn(string? level, bool logged)
    {
        _stack.Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("quiet"));
        var settings = _stack.WorkerSettings();
        settings["Logging:LogLevel:Default"] = "Information";
        foreach (var category in level is null ? [] : ProviderCallCategories)
        {
            settings[$"Logging:LogLevel:{category}"] = level;
        }

        await using var worker = ServiceProcess.Worker(settings);
        var jobId = await _stack.Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "hi" });
        var job = await _stack.Client.FinishedJobAsync(jobId, timeoutSeconds: 60);
        await worker.TerminateAsync(TimeSpan.FromSeconds(30)); // its console output is complete once it has exited

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("done"), worker.Output);
            Assert.That(worker.Output, Does.Contain("Application is shutting down"), "Information lines are still written");
            foreach (var category in ProviderCallCategories)
            {
                Assert.That(worker.Output.Contains($"info: {category}", StringComparison.Ordinal), Is.EqualTo(logged), $"{category} lines in:\n{worker.Output}");
            }
        });
    }
}
