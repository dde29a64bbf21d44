using System.Text.Json.Nodes;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// pump.fun's live traffic as a logsSubscribe sees it: a slot every 400 ms, mostly buys and sells, a few creates per
/// second (one in ten without its event lines, as truncated logs are; now and then a failed one). Every create lands
/// in the <see cref="SolanaWorld"/> first, so getTransaction and getSignaturesForAddress answer for what was streamed.
/// A create no subscriber received (the socket was down) is findable only through those calls.
/// </summary>
internal sealed class PumpFunStream(SolanaWorld world, string metadataUri, int seed = 1)
{
    public const long FirstSlot = 380_000_000;
    private static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(400);
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private readonly List<Create> _creates = [];
    private readonly List<Create> _unsent = [];
    private long _slot = FirstSlot;

    /// <summary>Each logsNotification's JSON goes to every listener; none listening means the socket is down.</summary>
    public event Action<string>? Notification;

    public double CreatesPerSecond { get; init; } = 3;

    public double TradesPerSecond { get; init; } = 40;

    /// <summary>Every successful create streamed so far, and those no subscriber received.</summary>
    public (IReadOnlyList<Create> All, IReadOnlyList<Create> Unsent) Creates()
    {
        lock (_gate)
        {
            return ([.. _creates], [.. _unsent]);
        }
    }

    /// <summary>When each create's slot was produced, by signature: the start of the slot-to-row delay.</summary>
    public Dictionary<string, DateTimeOffset> SlotTimes { get; } = new(StringComparer.Ordinal);

    /// <summary>Produces <paramref name="slots"/> slots, one per <paramref name="pace"/> (400 ms is real time).</summary>
    public async Task RunAsync(int slots, TimeSpan pace, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var i = 0; i < slots; i++)
        {
            ProduceSlot(clock.GetUtcNow());
            await Task.Delay(pace, clock, cancellationToken);
        }
    }

    public void ProduceSlot(DateTimeOffset now)
    {
        var slot = Interlocked.Increment(ref _slot);
        var blockTime = now.ToUnixTimeSeconds();
        var perSlot = Slot.TotalSeconds;
        for (var t = Poisson(TradesPerSecond * perSlot); t > 0; t--)
        {
            var trader = SolanaWorld.AccountOf($"trader-{_random.Next(500)}");
            var mint = SolanaWorld.AccountOf($"stream-{seed}-{_random.Next(Math.Max(1, _creates.Count + 50))}");
            Send(Signature("trade", slot, t), slot, _random.Next(20) == 0, PumpFunLogMessages.Trade(mint, trader, (ulong)_random.NextInt64(1_000_000, 50_000_000_000_000), _random.Next(2) == 0, blockTime));
        }

        for (var c = Poisson(CreatesPerSecond * perSlot); c > 0; c--)
        {
            var n = _creates.Count;
            var failed = _random.Next(25) == 0;
            var create = new Create(Signature("create", slot, c), SolanaWorld.AccountOf($"stream-{seed}-{n}"), SolanaWorld.Wallet($"stream-dev-{n % 40}"),
                $"S{seed}X{n}", _random.Next(0, 80_000_000), blockTime, metadataUri, V2: n % 3 == 0, Failed: failed, Slot: slot, Events: n % 10 != 0);
            var raw = PumpFunTransactions.Raw(create);
            world.Add(create.Mint, create.Symbol).WithCurveHolding(900_000_000).With(create.User, create.DevTokens).MetadataUri = metadataUri;
            world.Land(raw);
            var logs = raw["meta"]!["logMessages"]!.AsArray().Select(l => l!.GetValue<string>());
            var sent = Send(create.Signature, slot, failed, logs);
            lock (_gate)
            {
                if (!failed)
                {
                    _creates.Add(create);
                    SlotTimes[create.Signature] = now;
                    if (!sent)
                    {
                        _unsent.Add(create);
                    }
                }
            }
        }
    }

    private bool Send(string signature, long slot, bool failed, IEnumerable<string> logs)
    {
        var listeners = Notification;
        if (listeners is null)
        {
            return false;
        }

        var value = new JsonObject
        {
            ["signature"] = signature,
            ["err"] = failed ? new JsonObject { ["InstructionError"] = new JsonArray(0, new JsonObject { ["Custom"] = 6002 }) } : null,
            ["logs"] = new JsonArray([.. logs.Select(l => (JsonNode?)l)]),
        };
        listeners(new JsonObject
        {
            ["jsonrpc"] = "2.0", ["method"] = "logsNotification",
            ["params"] = new JsonObject
            {
                ["result"] = new JsonObject { ["context"] = new JsonObject { ["slot"] = slot }, ["value"] = value },
                ["subscription"] = 0,
            },
        }.ToJsonString());
        return true;
    }

    /// <summary>A base58 signature (64 bytes) unique to this stream, slot and position.</summary>
    private string Signature(string kind, long slot, int i) =>
        Alpha2.Solana.Base58.Encode([.. System.Security.Cryptography.SHA512.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}/{kind}/{slot}/{i}"))]);

    private int Poisson(double mean)
    {
        var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
        while ((p *= _random.NextDouble()) > limit)
        {
            k++;
        }

        return k;
    }
}
