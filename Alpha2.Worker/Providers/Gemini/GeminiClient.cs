using System.Net;
using System.Text.Json;
using Alpha2.Contracts.AiInfer;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Configuration;
using Refit;

namespace Alpha2.Worker.Providers.Gemini;

internal sealed class GeminiClient(IGeminiApi api, IConfiguration configuration, TimeProvider clock) : ILlmClient
{
    public string Provider => AiProviders.Gemini;

    public string KeyVariable => "GEMINI_API_KEY";

    public async Task<LlmAnswer> CompleteAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var key = ProviderFailures.RequireKey(configuration, "Gemini", KeyVariable);
        var request = new GeminiRequest(
            [new GeminiContent("user", [new GeminiPart(prompt)])],
            new GeminiGenerationConfig(maxTokens, IsFlash(model) ? new GeminiThinkingConfig(0) : null));
        try
        {
            var response = await ProviderFailures.CallAsync(
                "Gemini", KeyVariable, () => api.GenerateContentAsync(model, request, key, cancellationToken), ReadError, cancellationToken);
            return ToAnswer(response);
        }
        catch (JobFailedException failure) when (failure.InnerException is ApiException { StatusCode: HttpStatusCode.TooManyRequests } throttled
            && GeminiQuota.Read(throttled.Content, clock.GetUtcNow()) is { } quota)
        {
            throw new LlmQuotaExceededException(quota, failure);
        }
    }

    private static LlmAnswer ToAnswer(GeminiResponse response)
    {
        if (response.Candidates is not [var candidate, ..])
        {
            var reason = response.PromptFeedback?.BlockReason ?? "no candidates";
            throw new JobFailedException($"Gemini returned no answer ({reason}).");
        }

        var text = string.Concat(candidate.Content?.Parts?.Select(p => p.Text) ?? []);
        if (text.Length == 0)
        {
            throw new JobFailedException(candidate.FinishReason == "MAX_TOKENS"
                ? "Gemini stopped at the max-tokens cap before writing any text; raise maxTokens."
                : $"Gemini returned an empty answer (finishReason {candidate.FinishReason ?? "missing"}).");
        }

        var usage = response.UsageMetadata ?? new GeminiUsage(0, 0, 0, 0);
        // Thinking tokens bill as output.
        return new LlmAnswer(
            text, usage.PromptTokenCount, usage.CandidatesTokenCount + usage.ThoughtsTokenCount, usage.TotalTokenCount,
            candidate.FinishReason, Truncated: candidate.FinishReason == "MAX_TOKENS");
    }

    private static bool IsFlash(string model) => model.Contains("flash", StringComparison.OrdinalIgnoreCase);

    private static string? ReadError(string? body)
    {
        try
        {
            var error = body is null ? null : JsonSerializer.Deserialize(body, GeminiJson.Default.GeminiErrorEnvelope)?.Error;
            return error is null ? null : $"{error.Status} {error.Message}".Trim();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
