using System.Globalization;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.AiInfer;
using Alpha2.Contracts.Jobs;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Alpha2.Worker.Providers;
using Microsoft.Extensions.Options;

namespace Alpha2.Worker.Features.AiInfer;

/// <summary>
/// Runs one prompt on Gemini or Groq within the limits the spec promises: the max-tokens cap, the provider's
/// requests per second across replicas, and the daily spend cap; and not at all while the model's quota is used up
/// (docs/domain.md §6). Result: <c>{text, tokens, cost, truncated, finish_reason}</c>, cost in USD.
/// </summary>
internal sealed class AiInferHandler(
    IEnumerable<ILlmClient> clients,
    AiAdmission admission,
    AiQuotaBlocks quotaBlocks,
    AiSpendLedger ledger,
    ProviderMetrics metrics,
    IOptions<AiOptions> options) : IJobHandler
{
    // Prompt tokens are at most its characters for any tokenizer these models use; the margin covers the framing.
    private const int PromptTokenMargin = 64;

    private readonly AiOptions _ai = options.Value;

    public string Queue => QueueNames.AiInfer;

    public async Task<JobResult> HandleAsync(JobContext job, CancellationToken cancellationToken)
    {
        var request = Read(job.Json);
        var model = _ai.Models[request.Model!];
        var client = clients.Single(c => c.Provider == model.Provider);
        var maxTokens = Math.Min(request.MaxTokens ?? _ai.DefaultMaxTokens, _ai.MaxTokensCap);
        if (await quotaBlocks.FindAsync(request.Model!) is { } block)
        {
            throw new JobFailedException(await QuotaMessageAsync(block) + " The prompt was not sent.");
        }

        var reserved = AiSpendLedger.ToMicroUsd(model.Cost(request.Prompt!.Length + PromptTokenMargin, maxTokens));
        var cap = AiSpendLedger.ToMicroUsd(_ai.DailySpendCapUsd);
        if (await admission.TryAdmitAsync(model.Provider, _ai.RequestsPerSecond[model.Provider], reserved, cap, cancellationToken) is { } spent)
        {
            throw new JobFailedException(
                $"The daily AI spend cap of ${_ai.DailySpendCapUsd} is reached (${spent / 1_000_000m:0.######} spent today, UTC); the prompt was not sent.");
        }

        LlmAnswer? answer = null;
        try
        {
            answer = await client.CompleteAsync(request.Model!, request.Prompt, maxTokens, cancellationToken);
        }
        catch (LlmQuotaExceededException exceeded)
        {
            var quota = exceeded.Quota;
            var blocked = new AiQuotaBlock(model.Provider, request.Model!, quota.Quota, quota.ZeroLimit, quota.Until.ToUnixTimeSeconds());
            await quotaBlocks.BlockAsync(blocked);
            throw new JobFailedException(await QuotaMessageAsync(blocked), transient: false, exceeded);
        }
        finally
        {
            var cost = answer is null ? 0 : model.Cost(answer.InputTokens, answer.OutputTokens);
            ledger.Settle(reserved, AiSpendLedger.ToMicroUsd(cost));
            // LLMs have no billing unit of their own: the panel shows US cents.
            metrics.AddCredits(model.Provider, (double)(cost * 100));
        }

        var result = new AiInferResult(
            answer.Text, answer.TotalTokens, Math.Round(model.Cost(answer.InputTokens, answer.OutputTokens), 6), answer.Truncated, answer.FinishReason);
        return new JobResult(JsonSerializer.SerializeToUtf8Bytes(result, Alpha2Json.Default.AiInferResult), IsLatest: false);
    }

    /// <summary>Which quota, until when, and what to use instead: the job's error, for the person who sent the prompt.</summary>
    private async Task<string> QuotaMessageAsync(AiQuotaBlock block)
    {
        var provider = AiProviders.Display(block.Provider);
        var used = block.ZeroLimit
            ? $"{provider} allows {block.Model} no calls on this key ({block.Quota})"
            : $"{provider}'s quota {block.Quota} for {block.Model} is used up";
        var alternative = _ai.AlternativeTo(block.Model, await quotaBlocks.BlockedModelsAsync()) is { } other ? $" Use {other} meanwhile." : "";
        return string.Create(CultureInfo.InvariantCulture, $"{used}; prompts to it stop until {block.UntilTime:yyyy-MM-dd HH:mm} UTC.{alternative}");
    }

    /// <summary>The job's request, checked again: the queue may hold jobs from an API with other settings.</summary>
    private AiInferRequest Read(string json)
    {
        AiInferRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(json, Alpha2Json.Default.AiInferRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is not { Provider: { } provider, Model: { } model, Prompt: { Length: > 0 } prompt })
        {
            throw new JobFailedException("The job needs provider, model and prompt.");
        }

        if (!_ai.Models.TryGetValue(model, out var known) || known.Provider != provider)
        {
            throw new JobFailedException($"Model '{model}' is not a configured {provider} model.");
        }

        return prompt.Length <= _ai.MaxPromptChars
            ? request
            : throw new JobFailedException($"The prompt is longer than {_ai.MaxPromptChars} characters.");
    }
}
