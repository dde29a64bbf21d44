using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Tests.Infrastructure;

/// <summary>The CEX radar's providers as WireMock answers, in the shapes of docs/providers.md §2, §6 and §7.</summary>
public static class CexFakes
{
    public const string BirdeyeKey = "test-birdeye-key-SENTINEL";
    public const string ApifyToken = "test-apify-token-SENTINEL";

    // Two tokens named OPTIMUS: the real one with the liquidity, and a copycat.
    public const string OptimusMint = "9RjwNo6hBPkxayWHCqQD1VjaH8igSizEseNZNbddpump";
    public const string CopycatMint = "Cop1cat1111111111111111111111111111111pump";
    public const string StatedMint = "HNTyVP6mW2TJb9Fz8WRQb6XuVhStCsbMsK6D6X8fpump";

    public const string BinancePath = "/bapi/composite/v1/public/cms/article/list/query";
    public const string BybitPath = "/v5/announcements/index";
    public const string OkxPath = "/api/v5/support/announcements";
    public const string BirdeyeSearchPath = "/defi/v3/search";
    public const string BirdeyeOverviewPath = "/defi/token_overview";
    public const string ApifyRunPath = "/v2/acts/apidojo~tweet-scraper/runs";
    public const string ApifyItemsPath = "/v2/datasets/ds-1/items";

    public static string Binance(params (long Id, string Title, long ReleaseMs)[] articles) => $$$"""
        {"code":"000000","message":null,"messageDetail":null,"success":true,"data":{"catalogs":[{
          "catalogId":48,"parentCatalogId":null,"icon":"https://public.bnbstatic.com/x.png","catalogName":"New Cryptocurrency Listing",
          "description":null,"catalogType":1,"total":1702,
          "articles":[{{{string.Join(",", articles.Select(BinanceArticle))}}}],
          "catalogs":[] } ] } }
        """;

    private static string BinanceArticle((long Id, string Title, long ReleaseMs) a) =>
        $$$"""{"id":{{{a.Id}}},"code":"c{{{a.Id}}}","title":"{{{a.Title}}}","type":1,"releaseDate":{{{a.ReleaseMs}}} }""";

    public static string Bybit(params (string Title, string Description, long PublishMs)[] items) => $$$"""
        {"retCode":0,"retMsg":"OK","result":{"total":735,"list":[{{{string.Join(",", items.Select(BybitItem))}}}]},"retExtInfo":{},"time":1702000001234}
        """;

    private static string BybitItem((string Title, string Description, long PublishMs) i) => $$$"""
        {"title":"{{{i.Title}}}","description":"{{{i.Description}}}","type":{"title":"New Listings","key":"new_crypto"},
         "tags":["Spot","Spot Listings"],"url":"https://announcements.bybit.com/en/article/{{{i.PublishMs}}}","dateTimestamp":{{{i.PublishMs}}},
         "startDataTimestamp":{{{i.PublishMs}}},"endDataTimestamp":{{{i.PublishMs}}},"publishTime":{{{i.PublishMs}}} }
        """;

    public static string Okx(params (string Title, long PublishMs)[] items) => $$$"""
        {"code":"0","msg":"","data":[{"details":[{{{string.Join(",", items.Select(OkxItem))}}}],"totalPage":"123"}]}
        """;

    private static string OkxItem((string Title, long PublishMs) i) => $$$"""
        {"annType":"announcements-new-listings","title":"{{{i.Title}}}","url":"https://www.okx.com/help/{{{i.PublishMs}}}",
         "pTime":"{{{i.PublishMs + 300_000}}}","businessPTime":"{{{i.PublishMs}}}"}
        """;

    public const string BirdeyeSearchOptimus = $$$"""
        {"success":true,"data":{"items":[
          {"type":"token","result":[
            {"name":"Optimus Copy","symbol":"OPTIMUS","address":"{{{CopycatMint}}}","network":"solana","decimals":6,"verified":false,
             "liquidity":512.5,"price":0.0000136976,"volume_24h_usd":1200.5,"market_cap":13697.61},
            {"name":"Optimus AI","symbol":"OPTIMUS","address":"{{{OptimusMint}}}","network":"solana","decimals":6,"verified":false,
             "liquidity":906054.03,"price":0.0136976,"volume_24h_usd":1867782.29,"market_cap":13697610.5}]},
          {"type":"market","result":[]}]}}
        """;

    public static string BirdeyeOverview(string mint, string symbol, string? telegram) => $$$"""
        {"success":true,"data":{"address":"{{{mint}}}","decimals":6,"symbol":"{{{symbol}}}","name":"{{{symbol}}} token",
         "marketCap":13697610.5,"fdv":13697610.5,
         "extensions":{{{(telegram is null ? "null" : Extensions(telegram))}}},
         "logoURI":"https://img/x.png","liquidity":906054.03,"price":0.0136976,"priceChange24hPercent":12.5,"holder":3472}}
        """;

    private static string Extensions(string telegram) =>
        $$$"""{"coingeckoId":null,"website":"https://example.org/","telegram":"{{{telegram}}}","twitter":"https://twitter.com/x","description":"d"}""";

    public static string ApifyRun(decimal usageTotalUsd, string status = "SUCCEEDED") => $$$"""
        {"data":{"id":"run-1","actId":"apidojo~tweet-scraper","status":"{{{status}}}","defaultDatasetId":"ds-1",
         "stats":{"computeUnits":0.006,"runTimeSecs":5.41},"options":{"timeoutSecs":300,"memoryMbytes":1024},
         "usage":{"ACTOR_COMPUTE_UNITS":0.006},"usageTotalUsd":{{{usageTotalUsd.ToString(CultureInfo.InvariantCulture)}}},
         "chargedEventCounts":{"apify-actor-start":1,"result":5} } }
        """;

    /// <summary>Tweets posted <c>MinutesAgo</c> before <paramref name="now"/>, in Twitter's createdAt format.</summary>
    public static string ApifyTweets(DateTimeOffset now, params (string Id, string Text, int MinutesAgo)[] tweets) =>
        "[" + string.Join(",", tweets.Select(t => Tweet(now, t))) + "]";

    private static string Tweet(DateTimeOffset now, (string Id, string Text, int MinutesAgo) t) => $$$"""
        {"id":"{{{t.Id}}}","url":"https://x.com/a/status/{{{t.Id}}}","text":"{{{t.Text}}}","fullText":"{{{t.Text}}}",
         "createdAt":"{{{now.AddMinutes(-t.MinutesAgo).UtcDateTime.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture)}}}",
         "likeCount":3,"retweetCount":1,"lang":"en","author":{"userName":"a","name":"A","followers":10} }
        """;

    public const string ApifyNoResults = """[{"noResults":true}]""";

    public static string TelegramGroupPage(string members, string online) => $"""
        <!DOCTYPE html><html><head><title>Telegram: Contact @optimus_ai</title></head><body>
        <div class="tgme_page_title"><span dir="auto">Optimus AI</span></div>
        <div class="tgme_page_extra">{members} members, {online} online</div></body></html>
        """;

    public static void Answer(this WireMockServer server, string path, string body, int status = 200, string contentType = "application/json", TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        server.Given(Request.Create().WithPath(path)).RespondWith(delay is { } d ? response.WithDelay(d) : response);
    }
}
