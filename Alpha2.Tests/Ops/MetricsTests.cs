using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Alpha2.Api.Infrastructure;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Tests.Ops;

/// <summary>
/// What Prometheus and a trace backend see (docs/metrics.md): the API's and a worker's <c>/metrics</c>, read by a strict
/// parser of the text exposition format, and the producer and consumer spans of one job.
/// </summary>
public sealed partial class MetricsTests
{
    private const string ApiKey = "metrics-test-key";

    private TestStack _stack = null!;

    private HttpClient Client => _stack.Client;

    [SetUp]
    public async Task StartAsync()
    {
        _stack = await TestStack.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = ApiKey });
        Client.DefaultRequestHeaders.Add(ApiKeyFilter.Header, ApiKey);
        _stack.Providers.AnswerGemini("gemini-2.5-flash", AiFakes.GeminiAnswer("ok"));
    }

    [TearDown]
    public async Task StopAsync() => await _stack.DisposeAsync();

    private Task<string> PostPromptAsync(string prompt) =>
        Client.PostJobAsync("/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt });

    [Test]
    public async Task ApiMetrics_WithoutTheApiKey_ParseAsPrometheusText_WithEveryQueuesDepthAndHttpMetrics()
    {
        await PostPromptAsync("waits: no worker runs");
        await PostPromptAsync("waits too");
        await _stack.Redis.SortedSetAddAsync(QueueKeys.Delayed(QueueNames.Whales), """{"id":"whales:1"}""", 0);
        await _stack.Redis.ListLeftPushAsync(QueueKeys.Dead(QueueNames.CexRadar), """{"id":"cex-radar:1"}""");
        await _stack.Api.Services.GetRequiredService<QueueDepthSampler>().RunOnceAsync(CancellationToken.None);

        using var anonymous = _stack.Api.CreateClient();
        using var response = await anonymous.GetAsync("/metrics");
        // The HTTP metrics of a request are recorded just after its answer: the scrape may need a moment to count both.
        var scrape = await ScrapeUntilAsync(anonymous, s => PostsCounted(s) == 2, "both POSTs are in the HTTP metrics");

        double Depth(string queue, string state) =>
            scrape.Single("alpha2_queue_depth", ("messaging_destination_name", queue), ("state", state)).Value;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(scrape.Types["alpha2_queue_depth"], Is.EqualTo("gauge"));
            foreach (var queue in QueueNames.All)
            {
                Assert.That(new[] { "queued", "delayed", "dead" }.Select(state => scrape.Find("alpha2_queue_depth", ("messaging_destination_name", queue), ("state", state)).Count()),
                    Is.All.EqualTo(1), $"{queue}'s three depths");
            }

            Assert.That(Depth(QueueNames.AiInfer, "queued"), Is.EqualTo(2));
            Assert.That(Depth(QueueNames.Whales, "delayed"), Is.EqualTo(1));
            Assert.That(Depth(QueueNames.CexRadar, "dead"), Is.EqualTo(1));
            Assert.That(Depth(QueueNames.HeliusMints, "queued"), Is.Zero);
            Assert.That(scrape.Types["http_server_request_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(scrape.Find("http_server_request_duration_seconds_count", ("http_route", "/metrics")), Is.Empty, "scrapes are not API traffic");
        });

        static double PostsCounted(Scrape scrape) =>
            scrape.Find("http_server_request_duration_seconds_count", ("http_route", "/api/ai/infer"), ("http_response_status_code", "202")).Sum(s => s.Value);
    }

    [Test]
    public async Task WorkerMetrics_OnItsOwnPort_ProcessedCounterMovesByExactlyTheJobsRun()
    {
        const int jobs = 20;
        var port = RedisServer.FreePort();
        var settings = _stack.WorkerSettings();
        settings["WORKER_METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        settings["GEMINI_RPS"] = "1000";
        await using var worker = ServiceProcess.Worker(settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await ScrapeUntilAsync(http, _ => true, "the worker serves /metrics");
        var warmUp = await Client.FinishedJobAsync(await PostPromptAsync("warm-up"));
        Assert.That(warmUp.GetProperty("status").GetString(), Is.EqualTo("done"), worker.Output);
        var before = await ProcessedAsync(http, atLeast: 1);

        var ids = new List<string>();
        for (var i = 0; i < jobs; i++)
        {
            ids.Add(await PostPromptAsync($"job {i}"));
        }

        foreach (var id in ids)
        {
            Assert.That((await Client.FinishedJobAsync(id)).GetProperty("status").GetString(), Is.EqualTo("done"));
        }

        var after = await ProcessedAsync(http, atLeast: before.Processed + jobs);
        Assert.Multiple(() =>
        {
            Assert.That(after.Processed - before.Processed, Is.EqualTo(jobs), "messaging.client.consumed.messages, ai-infer");
            Assert.That(after.Failed, Is.Zero, "none failed");
            Assert.That(after.Scrape.Types["messaging_process_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(Count(after.Scrape, "messaging_process_duration_seconds") - Count(before.Scrape, "messaging_process_duration_seconds"), Is.EqualTo(jobs));
            Assert.That(Count(after.Scrape, "alpha2_jobs_wait_duration_seconds"), Is.EqualTo(jobs + 1), "every first attempt's wait");
            Assert.That(after.Scrape.Find("alpha2_provider_call_duration_seconds_count", ("provider", "gemini"), ("outcome", "ok")).Sum(s => s.Value),
                Is.EqualTo(jobs + 1), "a Gemini call per job");
            Assert.That(after.Scrape.Find("alpha2_provider_credits_total", ("provider", "gemini")).Sum(s => s.Value), Is.GreaterThan(0));
        });

        static double Count(Scrape scrape, string histogram) =>
            scrape.Find($"{histogram}_count", ("messaging_destination_name", QueueNames.AiInfer)).Sum(s => s.Value);
    }

    [Test]
    public async Task JobSpans_ConsumerInTheWorker_IsAChildOfTheApisProducerSpan()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProducerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await _stack.StartWorkerAsync();
        const string traceId = "0af7651916cd43dd8448eb211c80319c";

        var jobId = await Client.PostJobAsync(
            "/api/ai/infer", new { provider = "gemini", model = "gemini-2.5-flash", prompt = "trace" }, $"00-{traceId}-b7ad6b7169203331-01");
        await Client.FinishedJobAsync(jobId);

        Activity? Span(ActivityKind kind) => spans.SingleOrDefault(s => s.Kind == kind && (string?)s.GetTagItem("messaging.message.id") == jobId);
        await Eventually.TrueAsync(() => Task.FromResult(Span(ActivityKind.Consumer) is not null), TimeSpan.FromSeconds(10), "the consumer span ends");
        var send = Span(ActivityKind.Producer)!;
        var process = Span(ActivityKind.Consumer)!;
        Assert.Multiple(() =>
        {
            Assert.That(send, Is.Not.Null, "the API's send span");
            Assert.That(send.DisplayName, Is.EqualTo("send ai-infer"));
            Assert.That(send.TraceId.ToHexString(), Is.EqualTo(traceId), "the request's trace");
            Assert.That(process.DisplayName, Is.EqualTo("process ai-infer"));
            Assert.That(process.TraceId, Is.EqualTo(send.TraceId));
            Assert.That(process.ParentSpanId, Is.EqualTo(send.SpanId), "the traceparent the job carried is the send span's");
            foreach (var span in new[] { send, process })
            {
                Assert.That(span.GetTagItem("messaging.destination.name"), Is.EqualTo(QueueNames.AiInfer));
                Assert.That(span.GetTagItem("messaging.system"), Is.EqualTo("redis"));
            }

            Assert.That(send.GetTagItem("messaging.operation.name"), Is.EqualTo("send"));
            Assert.That(process.GetTagItem("messaging.operation.name"), Is.EqualTo("process"));
        });
    }

    /// <summary>The worker's ai-infer jobs processed and failed, once its scrape counts at least <paramref name="atLeast"/> processed.</summary>
    private static async Task<(double Processed, double Failed, Scrape Scrape)> ProcessedAsync(HttpClient worker, double atLeast)
    {
        // The worker counts a job just after writing its completion: a moment after the API can see it done.
        var scrape = await ScrapeUntilAsync(worker, s => Consumed(s, failed: false) >= atLeast, $"the worker counts {atLeast} ai-infer jobs processed");
        return (Consumed(scrape, failed: false), Consumed(scrape, failed: true), scrape);

        static double Consumed(Scrape scrape, bool failed) =>
            scrape.Find("messaging_client_consumed_messages_total", ("messaging_destination_name", QueueNames.AiInfer))
                .Where(s => s.Labels.ContainsKey("error_type") == failed).Sum(s => s.Value);
    }

    /// <summary>GET /metrics, parsed, until <paramref name="condition"/> holds (a refused connection is a no).</summary>
    private static async Task<Scrape> ScrapeUntilAsync(HttpClient client, Func<Scrape, bool> condition, string because)
    {
        Scrape? scrape = null;
        await Eventually.TrueAsync(
            async () =>
            {
                string text;
                try
                {
                    text = await client.GetStringAsync("/metrics");
                }
                catch (HttpRequestException)
                {
                    return false;
                }

                scrape = Scrape.Parse(text);
                return condition(scrape);
            },
            TimeSpan.FromSeconds(20),
            because);
        return scrape!;
    }

    /// <summary>
    /// One scrape in the Prometheus text exposition format (0.0.4), parsed strictly: every sample belongs to a family
    /// whose <c># TYPE</c> came first, families are not interleaved, names and labels are well formed, values are numbers,
    /// and each histogram's buckets are cumulative up to <c>+Inf</c> = <c>_count</c>.
    /// </summary>
    private sealed partial record Scrape(IReadOnlyDictionary<string, string> Types, IReadOnlyList<Sample> Samples)
    {
        public IEnumerable<Sample> Find(string name, params (string Label, string Value)[] labels) =>
            Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

        public Sample Single(string name, params (string Label, string Value)[] labels) => Find(name, labels).Single();

        public static Scrape Parse(string text)
        {
            Assert.That(text, Does.EndWith("\n"), "the exposition ends with a line feed");
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            var helps = new HashSet<string>(StringComparer.Ordinal);
            var samples = new List<Sample>();
            var finished = new HashSet<string>(StringComparer.Ordinal);
            string? current = null;
            foreach (var line in text.TrimEnd('\n').Split('\n'))
            {
                if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', 4);
                    Assert.That(parts, Has.Length.EqualTo(4), line);
                    Assert.That(MetricName().IsMatch(parts[2]), Is.True, $"metric name in: {line}");
                    if (parts[1] == "TYPE")
                    {
                        Assert.That(parts[3], Is.AnyOf("counter", "gauge", "histogram", "summary", "untyped"), line);
                        Assert.That(types.TryAdd(parts[2], parts[3]), Is.True, $"one TYPE per family: {line}");
                        Assert.That(samples.Any(s => s.Family == parts[2]), Is.False, $"TYPE before the samples: {line}");
                    }
                    else
                    {
                        Assert.That(helps.Add(parts[2]), Is.True, $"one HELP per family: {line}");
                    }

                    continue;
                }

                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var sample = ParseSample(line, types);
                if (sample.Family != current)
                {
                    if (current is not null)
                    {
                        finished.Add(current);
                    }

                    Assert.That(finished, Does.Not.Contain(sample.Family), $"{sample.Family}'s samples together: {line}");
                    current = sample.Family;
                }

                samples.Add(sample);
            }

            var scrape = new Scrape(types, samples);
            foreach (var histogram in types.Where(t => t.Value == "histogram").Select(t => t.Key))
            {
                scrape.CheckBuckets(histogram);
            }

            return scrape;
        }

        private static Sample ParseSample(string line, Dictionary<string, string> types)
        {
            var match = SampleLine().Match(line);
            Assert.That(match.Success, Is.True, $"a sample line: {line}");
            var name = match.Groups["name"].Value;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                var value = Escape().Replace(label.Groups["value"].Value, escape => escape.Value[1] == 'n' ? "\n" : escape.Value[1..]);
                Assert.That(labels.TryAdd(label.Groups["name"].Value, value), Is.True, $"labels once each: {line}");
            }

            var family = types.ContainsKey(name) ? name : new[] { "_bucket", "_sum", "_count" }
                .Where(suffix => name.EndsWith(suffix, StringComparison.Ordinal))
                .Select(suffix => name[..^suffix.Length])
                .FirstOrDefault(f => types.TryGetValue(f, out var type) && type is "histogram" or "summary");
            Assert.That(family, Is.Not.Null, $"a TYPE declared before: {line}");
            var number = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            return new Sample(family!, name, labels, number);
        }

        private void CheckBuckets(string histogram)
        {
            var buckets = Samples.Where(s => s.Name == $"{histogram}_bucket")
                .GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal)));
            foreach (var series in buckets)
            {
                var counts = series.Select(s => s.Value).ToList();
                Assert.That(series.Last().Labels["le"], Is.EqualTo("+Inf"), $"{histogram} {series.Key} ends at +Inf");
                Assert.That(counts, Is.Ordered, $"{histogram} {series.Key} buckets are cumulative");
                var count = Samples.Single(s => s.Name == $"{histogram}_count"
                    && string.Join(',', s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) == series.Key);
                Assert.That(count.Value, Is.EqualTo(counts[^1]), $"{histogram} {series.Key}: _count = the +Inf bucket");
            }
        }

        [GeneratedRegex(@"\\.")]
        private static partial Regex Escape();

        [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
        private static partial Regex MetricName();

        [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (?<value>[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf)|NaN)(?: -?[0-9]+)?$""")]
        private static partial Regex SampleLine();

        [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
        private static partial Regex Label();
    }

    private sealed record Sample(string Family, string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
