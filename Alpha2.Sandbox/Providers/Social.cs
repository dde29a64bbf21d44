using WireMock.RequestBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>Birdeye search and overview (§2), the Apify tweet scraper run and dataset (§6), and the Telegram group page.</summary>
internal static class Social
{
    public static void Register(WireMockServer server, Answers answers)
    {
        server.Given(Request.Create().WithPath("/birdeye/defi/v3/search").UsingGet())
            .RespondWith(answers.Json($$$"""
                {"success":true,"data":{"items":[{"type":"token","result":[
                  {"name":"Optimus Copy","symbol":"OPTIMUS","address":"{{{World.OptimusCopycat}}}","network":"solana","decimals":6,"verified":false,"liquidity":512.5,"price":0.0000137,"volume_24h_usd":1200.5,"market_cap":13697.61},
                  {"name":"Optimus AI","symbol":"OPTIMUS","address":"{{{World.OptimusMint}}}","network":"solana","decimals":6,"verified":false,"liquidity":906054.03,"price":0.0137,"volume_24h_usd":1867782.29,"market_cap":13697610.5}]},
                  {"type":"market","result":[]}]}}
                """));
        server.Given(Request.Create().WithPath("/birdeye/defi/token_overview").UsingGet())
            .RespondWith(answers.Json($$$"""
                {"success":true,"data":{"address":"{{{World.OptimusMint}}}","decimals":6,"symbol":"OPTIMUS","name":"Optimus AI","marketCap":13697610.5,
                 "extensions":{"coingeckoId":null,"website":"https://optimus.example","telegram":"https://t.me/{{{World.TelegramHandle}}}","twitter":"https://x.com/optimus_ai","description":"Sandbox token"},
                 "liquidity":906054.03,"price":0.0137,"priceChange24hPercent":12.5,"holder":3472}}
                """));
        server.Given(Request.Create().WithPath("/birdeye/defi/price").UsingGet())
            .RespondWith(answers.Json("""{"success":true,"data":{"value":0.0137,"updateUnixTime":1754885472,"liquidity":906054.03}}"""));
        server.Given(Request.Create().WithPath("/apify/v2/acts/apidojo~tweet-scraper/runs").UsingPost())
            .RespondWith(answers.Json("""
                {"data":{"id":"sandbox-run","actId":"apidojo~tweet-scraper","status":"SUCCEEDED","defaultDatasetId":"sandbox-tweets",
                 "stats":{"computeUnits":0.006,"runTimeSecs":5.41},"usageTotalUsd":0.0024,"chargedEventCounts":{"apify-actor-start":1,"result":3}}}
                """, status: 201));
        server.Given(Request.Create().WithPath("/apify/v2/datasets/sandbox-tweets/items").UsingGet())
            .RespondWith(answers.Json($$$"""
                [{"id":"s1","text":"$OPTIMUS just got listed on Binance","fullText":"$OPTIMUS just got listed on Binance","createdAt":"{{{World.TwitterDate(3)}}}"},
                 {"id":"s2","text":"aping $optimus","fullText":"aping $optimus","createdAt":"{{{World.TwitterDate(12)}}}"},
                 {"id":"s3","text":"CA {{{World.OptimusMint}}}","fullText":"CA {{{World.OptimusMint}}}","createdAt":"{{{World.TwitterDate(45)}}}"}]
                """));
        server.Given(Request.Create().WithPath($"/telegram/{World.TelegramHandle}").UsingGet())
            .RespondWith(answers.Html("""
                <!DOCTYPE html><html><head><title>Telegram: Contact @optimus_ai</title></head><body>
                <div class="tgme_page_title"><span dir="auto">Optimus AI</span></div>
                <div class="tgme_page_extra">24 512 members, 1 800 online</div></body></html>
                """));
    }
}
