using Alpha2.Contracts.CexRadar;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Providers.Telegram;

namespace Alpha2.Worker.Features.CexRadar;

/// <summary>
/// Both social figures of one token, each isolated: a failed Apify run or Telegram page gives 0 for that figure
/// and a note in <paramref name="problems"/>, never a failed search.
/// </summary>
internal sealed class SocialFigures(TweetCounter tweets, TelegramOnline telegram)
{
    public async Task<CexSocial> ReadAsync(ResolvedToken token, IDictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var tw = ReadOneAsync("apify", () => tweets.CountLastHourAsync(token.Symbol, token.Mint, cancellationToken), problems);
        var tg = token.Telegram is { } link
            ? ReadOneAsync("telegram", () => telegram.OnlineAsync(link, cancellationToken), problems)
            : Task.FromResult(0);
        return new CexSocial(await tw, await tg);
    }

    private static async Task<int> ReadOneAsync(string source, Func<Task<int>> read, IDictionary<string, string> problems)
    {
        try
        {
            return await read();
        }
        catch (JobFailedException failure)
        {
            lock (problems)
            {
                problems[source] = failure.Message;
            }

            return 0;
        }
    }
}
