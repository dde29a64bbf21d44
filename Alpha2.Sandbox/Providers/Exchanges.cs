using WireMock.RequestBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>Binance CMS, Bybit v5 and OKX v5 new-listing announcements (docs/providers.md §7): OPTIMUS on Binance and OKX.</summary>
internal static class Exchanges
{
    public static void Register(WireMockServer server, Answers answers)
    {
        server.Given(Request.Create().WithPath("/binance/bapi/composite/v1/public/cms/article/list/query").UsingGet())
            .RespondWith(answers.Json($$$"""
                {"code":"000000","message":null,"messageDetail":null,"success":true,"data":{"catalogs":[{
                  "catalogId":48,"parentCatalogId":null,"icon":null,"catalogName":"New Cryptocurrency Listing","description":null,"catalogType":1,"total":2,
                  "articles":[
                    {"id":900002,"code":"sandbox-optimus","title":"Binance Will List Optimus AI (OPTIMUS) with Seed Tag Applied","type":1,"releaseDate":{{{World.MinutesAgoMs(40)}}}},
                    {"id":900001,"code":"sandbox-other","title":"Binance Will Add Other Token (OTHER) on Earn","type":1,"releaseDate":{{{World.MinutesAgoMs(600)}}} }],
                  "catalogs":[] } ] } }
                """));
        server.Given(Request.Create().WithPath("/bybit/v5/announcements/index").UsingGet())
            .RespondWith(answers.Json($$$"""
                {"retCode":0,"retMsg":"OK","result":{"total":1,"list":[
                  {"title":"New Listing: OTHER/USDT","description":"Bybit will list OTHER","type":{"title":"New Listings","key":"new_crypto"},
                   "tags":["Spot","Spot Listings"],"url":"https://announcements.bybit.com/en/article/sandbox-other","dateTimestamp":{{{World.MinutesAgoMs(300)}}},
                   "startDataTimestamp":0,"endDataTimestamp":0,"publishTime":{{{World.MinutesAgoMs(300)}}} }]},"retExtInfo":{},"time":{{{World.MinutesAgoMs(0)}}} }
                """));
        server.Given(Request.Create().WithPath("/okx/api/v5/support/announcements").UsingGet())
            .RespondWith(answers.Json($$$"""
                {"code":"0","msg":"","data":[{"details":[
                  {"annType":"announcements-new-listings","title":"OKX to list Optimus AI (OPTIMUS) for spot trading",
                   "url":"https://www.okx.com/help/sandbox-optimus","pTime":"{{{World.MinutesAgoMs(20)}}}","businessPTime":"{{{World.MinutesAgoMs(25)}}}"}],"totalPage":"1"}]}
                """));
    }
}
