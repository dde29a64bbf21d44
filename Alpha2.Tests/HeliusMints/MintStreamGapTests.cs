using System.Text.Json.Nodes;
using Alpha2.Contracts;
using Alpha2.Sandbox.Providers;
using Alpha2.Solana;
using Alpha2.Tests.Infrastructure;
using Alpha2.Worker.Features.HeliusMints;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha2.Tests.HeliusMints;

/// <summary>
/// The stream's gap fill after a reconnect (docs/providers.md §1.e) reads at most HELIUS_WS_GAP_PAGES pages of the mint
/// authority's history: a longer gap is filled from its newest end, and the operator is told what was left out.
/// </summary>
public sealed class MintStreamGapTests
{
    private readonly CapturedTelemetry _logs = new();
    private HeliusStack _helius = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _helius = await HeliusStack.StartAsync(settings => settings["HELIUS_WS_GAP_PAGES"] = "1", _logs);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _helius.DisposeAsync();
        _logs.Dispose();
    }

    [SetUp]
    public Task ResetAsync() => _helius.ResetAsync();

    [Test]
    public async Task AGapLongerThanItsPages_MovesTheCursorToTheNewest_AndWarnsThatCreatesWereMissed()
    {
        var (cursor, newest) = await GapAsync("long", MintStreamLedger.PageSize + 1);

        await Ledger().CloseGapAsync(CancellationToken.None);

        Assert.That((string?)await _helius.Stack.Redis.StringGetAsync(RedisKeys.MintStreamCursor), Is.EqualTo(newest));
        Assert.That(GapWarnings(cursor), Has.Count.EqualTo(1), string.Join('\n', _logs.Lines));
        Assert.That(GapWarnings(cursor)[0], Does.Contain("HELIUS_WS_GAP_PAGES").And.Contain("read 1 pages"));
    }

    [Test]
    public async Task AGapWithinItsPages_MovesTheCursorToTheNewest_WithoutAWarning()
    {
        var (cursor, newest) = await GapAsync("short", MintStreamLedger.PageSize - 1);

        await Ledger().CloseGapAsync(CancellationToken.None);

        Assert.That((string?)await _helius.Stack.Redis.StringGetAsync(RedisKeys.MintStreamCursor), Is.EqualTo(newest));
        Assert.That(GapWarnings(cursor), Is.Empty, "the fill reached the cursor");
    }

    private MintStreamLedger Ledger() => _helius.Stack.Worker.Services.GetRequiredService<MintStreamLedger>();

    private List<string> GapWarnings(string cursor) =>
        _logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(cursor, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The stream's cursor, then <paramref name="count"/> failed transactions on the mint authority after it (failed, so
    /// the fill lists them and fetches none); returns the cursor's signature and the newest one.
    /// </summary>
    private async Task<(string Cursor, string Newest)> GapAsync(string name, int count)
    {
        var cursor = Land($"{name}-cursor", slot: 1);
        var newest = cursor;
        for (var i = 0; i < count; i++)
        {
            newest = Land($"{name}-{i}", slot: 2 + i);
        }

        await _helius.Stack.Redis.StringSetAsync(RedisKeys.MintStreamCursor, cursor);
        return (cursor, newest);
    }

    private string Land(string signature, long slot)
    {
        _helius.World.Land(new JsonObject
        {
            ["slot"] = slot,
            ["blockTime"] = 1_759_751_050 + slot,
            ["transaction"] = new JsonObject
            {
                ["signatures"] = new JsonArray(signature),
                ["message"] = new JsonObject { ["accountKeys"] = new JsonArray(SolanaWorld.Wallet("payer"), PumpFunCreates.MintAuthority) },
            },
            ["meta"] = new JsonObject { ["err"] = new JsonObject { ["InstructionError"] = new JsonArray(0, new JsonObject { ["Custom"] = 6002 }) } },
        });
        return signature;
    }
}
