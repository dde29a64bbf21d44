using System.Diagnostics.Metrics;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Stores;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Alpha2.Worker.Features.HeliusMints;

/// <summary>What one round did: checks run, verdicts that changed, due checks the hour's budget postponed.</summary>
internal sealed record RecheckRound(int Checked, int Changed, long Postponed);

/// <summary>
/// Keeps <c>safe</c> true to the chain after ingestion (docs/domain.md §2.1.1): every replica claims due checks atomically,
/// so each runs once, within the hour's Helius credit budget; each check runs <see cref="SafetyCheck"/> again and writes the
/// verdict, the shares, <c>checked_at</c> and, when the verdict changed, a <c>safe_history</c> entry.
/// </summary>
internal sealed partial class SafetyRecheck(
    SafetyCheck safety,
    MintFeed feed,
    MintRechecks schedule,
    IOptions<SafetyRecheckOptions> options,
    TimeProvider clock,
    ILogger<SafetyRecheck> logger,
    IMeterFactory? meters = null) : BackgroundService
{
    // Long enough for a check's three calls with retries; a replica that died holding a claim gives it back after this.
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);
    private const int Batch = 20;

    private readonly Counter<long>? _outcomes = meters?.Create(WorkerComposition.TelemetryName).CreateCounter<long>(
        "alpha2.helius_mints.rechecks", "{check}", "Safety re-checks by outcome: same, changed, failed, postponed (the hour's credit budget was spent).");

    private long _budgetLoggedHour;

    /// <summary>Claims and runs the checks due now, until none is due or the hour's budget is spent.</summary>
    public async Task<RecheckRound> RunOnceAsync(CancellationToken cancellationToken)
    {
        int done = 0, changed = 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var claim = await schedule.ClaimAsync(now, Batch, SafetyCheck.Credits, options.Value.CreditsPerHour, ClaimTimeout);
            foreach (var (mint, state) in claim.Claimed)
            {
                done++;
                changed += await CheckAsync(mint, state, cancellationToken) ? 1 : 0;
            }

            if (claim.BudgetSpent || claim.Claimed.Count == 0)
            {
                Postponed(now, claim.BudgetSpent ? claim.Waiting : 0);
                return new RecheckRound(done, changed, claim.BudgetSpent ? claim.Waiting : 0);
            }
        }
    }

    /// <summary>One check; true when the verdict changed. A failed check stays claimed and comes due again after the claim timeout.</summary>
    private async Task<bool> CheckAsync(string mint, MintRecheck? state, CancellationToken cancellationToken)
    {
        if (state is null)
        {
            await schedule.ForgetAsync(mint);
            return false;
        }

        SafetyResult? result = null;
        try
        {
            // A row changes under us only when a later copy flips its "original": read it again and write once more.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await feed.RowAsync(mint) is not { } stored || JsonSerializer.Deserialize(stored, Alpha2Json.Default.MintRow) is not { } row)
                {
                    await schedule.ForgetAsync(mint);
                    return false;
                }

                result ??= await safety.RunAsync(mint, [row.Creator ?? state.User, state.User], cancellationToken);
                // Stamped when the answers are in, not when the batch was claimed.
                var now = clock.GetUtcNow();
                var (updated, isChange) = SafetyHistory.Apply(row, result, MintTime.Format(now));
                var write = await schedule.WriteAsync(mint, stored, updated, options.Value.NextDue(state.Since, now.ToUnixTimeSeconds()));
                if (write == RecheckWrite.Stored)
                {
                    _outcomes?.Add(1, new KeyValuePair<string, object?>("outcome", isChange ? "changed" : "same"));
                    return isChange;
                }

                if (write == RecheckWrite.RowGone)
                {
                    return false;
                }
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One mint's failure (a provider, an unreadable answer) must not stop the others' checks or the host.
            _outcomes?.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            LogFailed(mint, failure.Message);
        }

        return false;
    }

    private void Postponed(DateTimeOffset now, long waiting)
    {
        if (waiting == 0)
        {
            return;
        }

        _outcomes?.Add(waiting, new KeyValuePair<string, object?>("outcome", "postponed"));
        var hour = now.ToUnixTimeSeconds() / 3600;
        if (Interlocked.Exchange(ref _budgetLoggedHour, hour) != hour)
        {
            LogBudgetSpent(options.Value.CreditsPerHour, waiting);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TickSeconds == 0 || options.Value.Schedule.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds), clock);
        while (await timer.TickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogProblem(exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Safety re-checks postponed: this hour's {Budget} Helius credits (SAFETY_RECHECK_CREDITS_PER_HOUR) are spent; {Waiting} due checks wait for the next hour.")]
    private partial void LogBudgetSpent(int budget, long waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Safety re-check of {Mint} failed, tried again later: {Problem}")]
    private partial void LogFailed(string mint, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Safety re-checks: {Problem}")]
    private partial void LogProblem(string problem);
}
