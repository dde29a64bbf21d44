using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Sandbox.Providers;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Tests.HeliusMints;

/// <summary>A fixture for safety re-checks (docs/domain.md §2.1.1): the worker against the Solana fakes and real Redis, its loop off, re-checkers on a manual clock.</summary>
public abstract class RecheckFixture
{
    protected const long At = 1759751050;
    protected const string DogeMint = "DoGE99recheck111111111111111111111111pump";
    protected const string CopyMint = "CoPYrecheck11111111111111111111111111pump";
    protected static readonly string Dev = SolanaWorld.Wallet("dev");

    private HeliusStack _helius = null!;

    protected HeliusStack Helius => _helius;

    protected TestStack Stack => _helius.Stack;

    protected IDatabase Redis => Stack.Redis;

    protected IServiceProvider Services => Stack.Worker.Services;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync(settings => settings["SAFETY_RECHECK_TICK_SECONDS"] = "0");

    [OneTimeTearDown]
    public async Task StopAsync() => await _helius.DisposeAsync();

    [SetUp]
    public Task ResetAsync() => _helius.ResetAsync();

    /// <summary>A safe coin: the curve, the dev's 5.9% and six small holders (top 10 at 8.9%).</summary>
    private protected SolanaWorld.Token Coin(string mint, string symbol)
    {
        var token = _helius.World.Add(mint, symbol).WithCurveHolding(910_858_268).With(Dev, 59_141_732);
        for (var i = 0; i < 6; i++)
        {
            token.With(SolanaWorld.Wallet($"{mint}-holder-{i}"), 5_000_000);
        }

        token.MetadataUri = Stack.Providers.Metadata(symbol, "https://x.com/" + symbol);
        return token;
    }

    protected Task<JsonElement[]> IngestAsync(string mint, string symbol, long at) =>
        _helius.DeliverAsync(PumpFunTransactions.Enhanced(new Create("sig-" + mint, mint, Dev, symbol, 59_141_732, at)));

    /// <summary>A re-checker on <paramref name="clock"/>, otherwise the worker's own graph (its loop is off in this fixture).</summary>
    private protected SafetyRecheck Rechecker(ManualClock clock, int creditsPerHour = 3_600) =>
        ActivatorUtilities.CreateInstance<SafetyRecheck>(Services, clock, Options.Create(new SafetyRecheckOptions { CreditsPerHour = creditsPerHour, TickSeconds = 0 }));

    protected static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<JsonElement> RowAsync(string mint) =>
        (await _helius.FeedAsync()).Single(r => r.GetProperty("mint").GetString() == mint);

    protected int HeliusCalls(string method, string mint) =>
        Stack.Providers.LogEntries.Count(e => e.RequestMessage.Body is { } body && body.Contains(method, StringComparison.Ordinal) && body.Contains(mint, StringComparison.Ordinal));
}
