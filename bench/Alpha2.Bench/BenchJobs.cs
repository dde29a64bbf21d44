using System.Diagnostics;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using StackExchange.Redis;

namespace Alpha2.Bench;

/// <summary>Pushes ai-infer jobs straight into Redis through the product's own enqueue script, pipelined.</summary>
internal static class BenchJobs
{
    /// <summary>
    /// The model each provider's jobs name: the cheapest of each in the worker's default catalog, checked against it
    /// (<see cref="AiOptions.Models"/>), so the worker takes the job instead of failing it as an unknown model.
    /// </summary>
    public static string Model(string provider)
    {
        var model = provider switch
        {
            AiProviders.Gemini => "gemini-2.5-flash-lite",
            AiProviders.Groq => "llama-3.1-8b-instant",
            _ => throw new ArgumentException($"provider must be one of {string.Join(", ", AiProviders.All)}, not '{provider}'"),
        };
        return new AiOptions().Models.TryGetValue(model, out var known) && known.Provider == provider
            ? model
            : throw new InvalidOperationException($"{model} is not a {provider} model of the default AI catalog");
    }

    /// <summary>The same job for both workers: one short prompt to <paramref name="provider"/> that the stub answers at once.</summary>
    public static byte[] AiPrompt(string provider) =>
        JsonSerializer.SerializeToUtf8Bytes(new AiInferRequest(provider, Model(provider), "bench", 16), Alpha2Json.Default.AiInferRequest);

    private const int InFlight = 2_000;

    /// <summary>Queues <paramref name="count"/> jobs with up to <see cref="InFlight"/> scripts on the wire at once; returns their ids.</summary>
    public static async Task<string[]> PushAsync(IConnectionMultiplexer redis, int count, string provider)
    {
        var queue = new JobQueue(redis, TimeProvider.System);
        var job = AiPrompt(provider);
        var ids = new string[count];
        var window = new List<Task>(InFlight);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var slot = i;
            window.Add(PushOneAsync(queue, job, ids, slot));
            if (window.Count == InFlight)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
        Console.WriteLine($"pushed {count} jobs in {clock.Elapsed.TotalSeconds:0.00} s ({count / clock.Elapsed.TotalSeconds:0} jobs/s)");
        return ids;
    }

    private static async Task PushOneAsync(JobQueue queue, byte[] job, string[] ids, int slot) =>
        ids[slot] = await queue.EnqueueAsync(QueueNames.AiInfer, job, CancellationToken.None);

    /// <summary>Jobs of the queue finished so far (done or failed); the janitor only prunes these after retention.</summary>
    public static Task<long> FinishedCountAsync(IDatabase db) => db.SortedSetLengthAsync(QueueKeys.Finished(QueueNames.AiInfer));
}
