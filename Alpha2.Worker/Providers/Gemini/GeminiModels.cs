using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha2.Worker.Providers.Gemini;

internal sealed record GeminiRequest(GeminiContent[] Contents, GeminiGenerationConfig GenerationConfig);

internal sealed record GeminiContent(string? Role, GeminiPart[]? Parts);

internal sealed record GeminiPart(string? Text);

internal sealed record GeminiGenerationConfig(int MaxOutputTokens, GeminiThinkingConfig? ThinkingConfig);

/// <summary>Budget 0 turns thinking off on 2.5 Flash models, whose thought tokens would otherwise eat the output cap.</summary>
internal sealed record GeminiThinkingConfig(int ThinkingBudget);

internal sealed record GeminiResponse(GeminiCandidate[]? Candidates, GeminiUsage? UsageMetadata, GeminiPromptFeedback? PromptFeedback);

internal sealed record GeminiCandidate(GeminiContent? Content, string? FinishReason);

/// <summary>Counts the API omits when zero (thoughts, cached) default to 0.</summary>
internal sealed record GeminiUsage(int PromptTokenCount, int CandidatesTokenCount, int ThoughtsTokenCount, int TotalTokenCount);

internal sealed record GeminiPromptFeedback(string? BlockReason);

internal sealed record GeminiErrorEnvelope(GeminiError? Error);

internal sealed record GeminiError(int Code, string? Message, string? Status, GeminiErrorDetail[]? Details);

/// <summary>One of <c>error.details</c>: a <c>RetryInfo</c> (<c>retryDelay</c>) or a <c>QuotaFailure</c> (<c>violations</c>).</summary>
internal sealed record GeminiErrorDetail(
    [property: JsonPropertyName("@type")] string? Type, string? RetryDelay, GeminiQuotaViolation[]? Violations = null);

/// <summary><c>{"quotaMetric","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{…},"quotaValue":"50"}</c>.</summary>
internal sealed record GeminiQuotaViolation(string? QuotaMetric, string? QuotaId, string? QuotaValue);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(GeminiErrorEnvelope))]
internal sealed partial class GeminiJson : JsonSerializerContext;
