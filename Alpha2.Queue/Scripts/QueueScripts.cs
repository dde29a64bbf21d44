using System.Text;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Alpha2.Queue.Scripts;

/// <summary>
/// Every queue transition that touches more than one key, each one Lua script so a job is never half-moved
/// (docs/queue-protocol.md). The scripts are the <c>*.lua</c> files beside this one, embedded and loaded once;
/// <c>--#include name.lua</c> inlines another file. Parameters are StackExchange.Redis's <c>@name</c>s, except the
/// enqueue's and the withdrawal's, which take KEYS and ARGV so one call can carry many jobs.
/// </summary>
internal static partial class QueueScripts
{
    public static readonly string Enqueue = Load("enqueue.lua");

    public static readonly string Withdraw = Load("withdraw.lua");

    public static readonly LuaScript Claim = Prepare("claim.lua");

    public static readonly LuaScript Finish = Prepare("finish.lua");

    public static readonly LuaScript Retry = Prepare("retry.lua");

    public static readonly LuaScript Requeue = Prepare("requeue.lua");

    public static readonly LuaScript Bury = Prepare("bury.lua");

    public static readonly LuaScript ReturnAll = Prepare("return-all.lua");

    public static readonly LuaScript PromoteDue = Prepare("promote-due.lua");

    public static readonly LuaScript PruneFinished = Prepare("prune-finished.lua");

    public static readonly LuaScript ClaimLanded = Prepare("claim-landed.lua");

    public static readonly LuaScript FinishAndClaimNext = Prepare("finish-and-claim-next.lua");

    public static readonly LuaScript LeaseExtend = Prepare("lease-extend.lua");

    public static readonly LuaScript DeadRetry = Prepare("dead-retry.lua");

    public static readonly LuaScript DeadDelete = Prepare("dead-delete.lua");

    private static LuaScript Prepare(string name) => LuaScript.Prepare(Load(name));

    /// <summary>The script's text with its includes inlined and its comment lines dropped (they may name parameters).</summary>
    internal static string Load(string name)
    {
        using var stream = typeof(QueueScripts).Assembly.GetManifestResourceStream($"{typeof(QueueScripts).Namespace}.{name}")
            ?? throw new InvalidOperationException($"The queue script {name} is not embedded in {typeof(QueueScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            if (Include().Match(line) is { Success: true } include)
            {
                text.Append(Load(include.Groups[1].Value));
            }
            else if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^--#include (\S+\.lua)$")]
    private static partial Regex Include();
}
