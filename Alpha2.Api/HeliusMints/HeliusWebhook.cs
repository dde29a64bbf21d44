using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.HeliusMints;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue;
using Alpha2.Solana;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alpha2.Api.HeliusMints;

/// <summary>
/// Helius webhook deliveries (enhanced or raw transactions of the pump.fun program): accepted only with the
/// Authorization header set to HELIUS_WEBHOOK_AUTH, compared in constant time; off (404) while that is unset.
/// Creates found in a delivery are queued for the same ingestion as the poller's, once per signature.
/// </summary>
internal static class HeliusWebhook
{
    public const string AuthVariable = "HELIUS_WEBHOOK_AUTH";

    /// <summary>Helius batches transactions into one delivery; a pump.fun transaction is a few KiB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    internal static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request, JobQueue jobs, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration[AuthVariable] is not { Length: > 0 } secret)
        {
            return TypedResults.Problem($"The webhook is off: set {AuthVariable} to turn it on.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (!Matches(request.Headers.Authorization.ToString(), secret))
        {
            return TypedResults.Problem("The Authorization header does not match the webhook's secret.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        JsonDocument delivery;
        try
        {
            delivery = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The delivery is not valid JSON.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        using (delivery)
        {
            var root = delivery.RootElement;
            var jobIds = new List<string>();
            foreach (var created in PumpFunCreates.Find(root))
            {
                jobIds.Add(await EnqueueAsync(jobs, created, cancellationToken));
            }

            return TypedResults.Ok(new WebhookReceipt(root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 1, jobIds));
        }
    }

    /// <summary>Queues a decoded create for ingestion, once per signature however often it arrives.</summary>
    private static Task<string> EnqueueAsync(JobQueue jobs, PumpFunCreate c, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(
            QueueNames.HeliusMints,
            JsonSerializer.SerializeToUtf8Bytes(
                new MintCreated(c.Signature, c.Mint, c.Name, c.Symbol, c.Uri, c.Creator, c.User, c.BondingCurve, c.DevTokens, c.BlockTime, c.Slot),
                Alpha2Json.Default.MintCreated),
            cancellationToken,
            new JobShare(RedisKeys.MintCreateShare(c.Signature), MintCreated.RepeatWindow));

    private static bool Matches(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
