using Alpha2.Sandbox.Providers;
using StackExchange.Redis;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Alpha2.Tests.Infrastructure;

/// <summary>Helius RPC, the Enhanced API, RugCheck and metadata hosts as WireMock answers over a <see cref="SolanaWorld"/>.</summary>
public static class HeliusFakes
{
    public const string HeliusKey = "test-helius-key-SENTINEL";
    public const string RpcPath = "/";
    public const string MetadataPath = "/meta/";
    private const int WorldPriority = 100;
    public static readonly string ProgramHistoryPath = $"/v0/addresses/{SolanaWorld.PumpProgram}/transactions";

    /// <summary>Worker settings that point Helius, RugCheck and metadata fetches at <paramref name="providers"/>.</summary>
    public static void Configure(Dictionary<string, string?> settings, WireMockServer providers)
    {
        settings["HELIUS_RPC_URL"] = providers.Url;
        settings["HELIUS_API_URL"] = providers.Url;
        settings["RUGCHECK_API_URL"] = providers.Url;
        settings["HELIUS_API_KEY"] = HeliusKey;
        settings["HELIUS_POLL_SECONDS"] = "3600";
        // With a key, the stream would dial Helius's mainnet websocket; tests that stream name their own (MintStreamTests).
        settings["HELIUS_WS_URL"] = "off";
        settings["HELIUS_RPC_RPS"] = "1000";
        settings["HELIUS_DAS_RPS"] = "1000";
        settings["RUGCHECK_RPS"] = "1000";
        settings["METADATA_ALLOW_PRIVATE_HOSTS"] = "true";

        // Safety re-checks call these fakes too: they run only where a test drives them, never behind another test's counts.
        settings["SAFETY_RECHECK_TICK_SECONDS"] = "0";
    }

    /// <summary>Answers JSON-RPC and RugCheck from <paramref name="world"/>; metadata documents from <see cref="Metadata"/>.</summary>
    internal static void Serve(this WireMockServer server, SolanaWorld world)
    {
        // The lowest priority (WireMock's higher number): a test's own fault mapping on the same path wins.
        server.Given(Request.Create().WithPath(RpcPath).UsingPost()).AtPriority(WorldPriority)
            .RespondWith(Response.Create().WithCallback(request => Json(world.AnswerRpc(request.Body ?? ""))));
        server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/v1/tokens/[^/]+/report/summary$")).UsingGet()).AtPriority(WorldPriority)
            .RespondWith(Response.Create().WithCallback(request => Json(world.RugCheckSummary(request.PathSegments[2]))));
    }

    /// <summary>The off-chain metadata of a pump.fun coin at <c>/meta/&lt;name&gt;.json</c>; returns its address.</summary>
    public static string Metadata(this WireMockServer server, string name, string? twitter)
    {
        var body = $$"""
            {"name":"{{name}} coin","symbol":"{{name}}","description":"to the moon","image":"https://ipfs.io/ipfs/QmImage",
             "showName":true,"createdOn":"https://pump.fun"{{(twitter is null ? "" : $",\"twitter\":\"{twitter}\"")}},"telegram":"","website":""}
            """;
        server.Answer(MetadataPath + name + ".json", body);
        return server.Url + MetadataPath + name + ".json";
    }

    /// <summary>Forgets the feed, whale scans, caches and the poller's cursor and lease, so each test starts from nothing.</summary>
    public static async Task ForgetFeedAsync(IDatabase redis)
    {
        var server = RedisServer.Connection.GetServers()[0];
        foreach (var pattern in new[] { "helius-mints:*", "helius:*", "birdeye:*", "whales:*", "lock:helius-mints-poller" })
        {
            await foreach (var key in server.KeysAsync(redis.Database, pattern))
            {
                await redis.KeyDeleteAsync(key);
            }
        }
    }

    private static WireMock.ResponseMessage Json(string body)
    {
        var message = new WireMock.ResponseMessage
        {
            StatusCode = 200,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }
}
