using System.Net;
using System.Text.Json;
using Alpha2.Contracts.AiInfer;
using Alpha2.Queue.Consumer;
using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Configuration;
using Refit;

namespace Alpha2.Worker.Providers.Groq;

internal sealed class GroqClient(IGroqApi api, IConfiguration configuration, TimeProvider clock) : ILlmClient
{
    public string Provider => AiProviders.Groq;

    public string KeyVariable => "GROQ_API_KEY";

    public async Task<LlmAnswer> CompleteAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var key = ProviderFailures.RequireKey(configuration, "Groq", KeyVariable);
        var request = new GroqRequest(model, [new GroqMessage("user", prompt)], maxTokens);
        GroqResponse response;
        try
        {
            response = await ProviderFailures.CallAsync(
                "Groq", KeyVariable, () => api.ChatCompletionsAsync(request, key, cancellationToken), ReadError, cancellationToken);
        }
        catch (JobFailedException failure) when (failure.InnerException is ApiException { StatusCode: HttpStatusCode.TooManyRequests } throttled
            && GroqQuota.Read(throttled.Content, failure.RetryAfter, clock.GetUtcNow()) is { } quota)
        {
            throw new LlmQuotaExceededException(quota, failure);
        }

        if (response.Choices is not [{ Message.Content: { Length: > 0 } text } choice, ..])
        {
            throw new JobFailedException("Groq returned no answer text.");
        }

        var usage = response.Usage ?? new GroqUsage(0, 0, 0);
        // OpenAI's vocabulary: "length" is the max_tokens limit.
        return new LlmAnswer(text, usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens, choice.FinishReason, Truncated: choice.FinishReason == "length");
    }

    private static string? ReadError(string? body)
    {
        try
        {
            var error = body is null ? null : JsonSerializer.Deserialize(body, GroqJson.Default.GroqErrorEnvelope)?.Error;
            return error is null ? null : $"{error.Code} {error.Message}".Trim();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
