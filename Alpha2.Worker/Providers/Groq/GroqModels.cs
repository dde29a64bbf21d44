using System.Text.Json.Serialization;

namespace Alpha2.Worker.Providers.Groq;

internal sealed record GroqRequest(string Model, GroqMessage[] Messages, int MaxCompletionTokens);

internal sealed record GroqMessage(string Role, string? Content);

internal sealed record GroqResponse(GroqChoice[]? Choices, GroqUsage? Usage);

internal sealed record GroqChoice(GroqMessage? Message, string? FinishReason);

internal sealed record GroqUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

internal sealed record GroqErrorEnvelope(GroqError? Error);

internal sealed record GroqError(string? Message, string? Type, string? Code);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GroqRequest))]
[JsonSerializable(typeof(GroqResponse))]
[JsonSerializable(typeof(GroqErrorEnvelope))]
internal sealed partial class GroqJson : JsonSerializerContext;
