using System.Diagnostics;
using System.Net.Http.Headers;
using Alpha2.Contracts.AiInfer;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>
/// The least a job can cost a .NET process here: <c>--concurrency</c> loops that each make the worker's call to
/// <c>--provider</c> (Gemini or Groq) at the stub with a bare HttpClient (no Refit, no resilience, no queue) and one
/// Redis round trip (PING). Any worker that makes the call and records its outcome does at least this much per job.
/// Appends a <see cref="FloorRun"/>: its rate and each named process's CPU per call over the measured seconds
/// (<c>self</c> is this process, with <c>--cpu-pids</c> the others).
/// </summary>
internal static class Floor
{
    // The bodies the worker's clients send for a bench job (docs/providers.md §4, §5).
    private const string GeminiBody =
        """{"contents":[{"role":"user","parts":[{"text":"bench"}]}],"generationConfig":{"maxOutputTokens":16,"thinkingConfig":{"thinkingBudget":0}}}""";

    private static readonly string GroqBody =
        $$"""{"model":"{{BenchJobs.Model(AiProviders.Groq)}}","messages":[{"role":"user","content":"bench"}],"max_completion_tokens":16}""";

    public static async Task<int> RunAsync(Arguments args)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(args.Text("--redis", "127.0.0.1:6379"));
        var db = redis.GetDatabase();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false });
        var stub = args.Text("--stub", "http://127.0.0.1:9700");
        var provider = args.Text("--provider", AiProviders.Gemini);
        var groq = provider == AiProviders.Groq;
        var url = groq ? $"{stub}/openai/v1/chat/completions" : $"{stub}/v1beta/models/{BenchJobs.Model(provider)}:generateContent";
        var warmUp = TimeSpan.FromSeconds(args.Int("--warmup-seconds", 10));
        var stopAt = warmUp + TimeSpan.FromSeconds(args.Int("--seconds", 5));
        var cpu = new ProcessCpu($"self={Environment.ProcessId},{args.Text("--cpu-pids", "")}");

        long calls = 0;
        var clock = Stopwatch.StartNew();
        var concurrency = args.Int("--concurrency", 1);
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(groq ? GroqBody : GeminiBody, MediaTypeHeaderValue.Parse("application/json")),
                };
                if (groq)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bench");
                }
                else
                {
                    request.Headers.Add("x-goog-api-key", "bench");
                }

                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                await db.PingAsync();
                Interlocked.Increment(ref calls);
            }
        }).ToArray();

        await Task.Delay(warmUp);
        var countedFrom = Interlocked.Read(ref calls);
        var measuredFrom = clock.Elapsed;
        cpu.Start();
        await Task.WhenAll(loops);
        var counted = Interlocked.Read(ref calls) - countedFrom;

        var perCall = cpu.PerUnit(counted);
        var rate = counted / (clock.Elapsed - measuredFrom).TotalSeconds;
        BenchResults.Append(args.Required("--results"), new FloorRun(concurrency, Math.Round(rate, 1), perCall, provider));
        return 0;
    }
}
