using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;
using Create = Alpha2.Sandbox.Providers.PumpFunTransactions.Create;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// Helius RPC (/helius-rpc), the Enhanced API (/helius-api), RugCheck (/rugcheck) and pump.fun metadata (/meta) over a
/// few fresh coins: DOGE99 with whales, a later "doge 99" copycat, RUG whose mint authority is still set, and HOOK,
/// which only a webhook delivers and whose dev buys more once it has been looked at.
/// </summary>
internal static class Solana
{
    public const string DogeMint = "DoGE99sandbox1111111111111111111111111pump";
    public const string CopycatMint = "CoPYdogesandbox11111111111111111111111pump";
    public const string RugMint = "RuGsandbox111111111111111111111111111pump";

    /// <summary>Not in the program's history: it reaches the feed only through a webhook delivery (the Postman collection's).</summary>
    public const string HookMint = "HooKsandbox11111111111111111111111111pump";

    /// <summary>Registers the answers; returns the world, which the log stream extends (<see cref="StreamSocket"/>).</summary>
    public static SolanaWorld Register(WireMockServer server, Answers answers, SandboxOptions options)
    {
        var world = Seed(options.PublicUrl);
        var launched = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var dev = SolanaWorld.Wallet("sandbox-dev");
        var history = new JsonArray(
            PumpFunTransactions.Enhanced(new Create("sandboxSig3", RugMint, dev, "RUG", 150_000_000, launched - 60)),
            PumpFunTransactions.EnhancedBuy("sandboxBuy1", DogeMint, SolanaWorld.Wallet("whale-1"), launched - 90),
            PumpFunTransactions.Enhanced(new Create("sandboxSig2", CopycatMint, dev, "doge 99", 20_000_000, launched - 120)),
            PumpFunTransactions.Enhanced(new Create("sandboxSig1", DogeMint, dev, "DOGE99", 59_141_732, launched - 300))).ToJsonString();

        server.Given(Request.Create().WithPath(new RegexMatcher("^/helius-rpc/?$")).UsingPost()).RespondWith(answers.Json(request => world.AnswerRpc(request.Body ?? "")));
        server.Given(Request.Create().WithPath($"/helius-api/v0/addresses/{SolanaWorld.PumpProgram}/transactions").UsingGet()).RespondWith(answers.Json(history));
        server.Given(Request.Create().WithPath(new RegexMatcher("^/rugcheck/v1/tokens/[^/]+/report/summary$")).UsingGet())
            .RespondWith(answers.Json(request => world.RugCheckSummary(request.PathSegments[3])));
        foreach (var symbol in new[] { "DOGE99", "doge99", "RUG", "HOOK" })
        {
            server.Given(Request.Create().WithPath($"/meta/{symbol}.json").UsingGet()).RespondWith(answers.Json($$"""
                {"name":"{{symbol}} coin","symbol":"{{symbol}}","description":"sandbox coin","image":"https://ipfs.io/ipfs/QmImage",
                 "showName":true,"createdOn":"https://pump.fun","twitter":"https://x.com/{{symbol}}","telegram":"","website":""}
                """));
        }

        return world;
    }

    private static SolanaWorld Seed(string publicUrl)
    {
        var world = new SolanaWorld();
        var dev = SolanaWorld.Wallet("sandbox-dev");
        var doge = world.Add(DogeMint, "DOGE99").WithCurveHolding(600_000_000).With(dev, 59_141_732)
            .With(SolanaWorld.Wallet("whale-1"), 90_000_000).With(SolanaWorld.Wallet("whale-2"), 60_000_000).With(SolanaWorld.Wallet("minnow"), 4_000_000);
        doge.Reserves = (50_000_000_000, 500_000_000_000_000, false);
        doge.MetadataUri = $"{publicUrl}/meta/DOGE99.json";
        var copy = world.Add(CopycatMint, "doge 99").WithCurveHolding(900_000_000).With(dev, 20_000_000).With(SolanaWorld.Wallet("whale-3"), 70_000_000);
        copy.MetadataUri = $"{publicUrl}/meta/doge99.json";
        var rug = world.Add(RugMint, "RUG").WithCurveHolding(800_000_000).With(dev, 150_000_000);
        rug.MintAuthority = dev;
        rug.RugCheckDangers.Add("Mint Authority still enabled");
        rug.MetadataUri = $"{publicUrl}/meta/RUG.json";
        // HOOK's dev buys 100M more a little after launch: 13% of supply, over the dev cap, which a re-check sees (domain.md §2.1.1).
        var hook = world.Add(HookMint, "HOOK").WithCurveHolding(940_000_000).With(dev, 30_000_000)
            .Later(TimeSpan.FromSeconds(10), token => token.Buy(dev, 100_000_000));
        hook.MetadataUri = $"{publicUrl}/meta/HOOK.json";
        foreach (var token in new[] { doge, copy, rug, hook })
        {
            token.Creator = dev;
        }

        return world;
    }
}
