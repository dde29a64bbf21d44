using System.Text.Json.Serialization;

namespace Alpha2.Contracts.AiInfer;

/// <summary>
/// The result of an <c>ai-infer</c> job: the answer, total tokens billed, and its cost in USD; then whether the answer
/// was cut by the max-tokens limit (<c>truncated</c>) and why the provider stopped, in its own words (<c>finish_reason</c>:
/// Gemini's <c>STOP</c> or <c>MAX_TOKENS</c>, Groq's <c>stop</c> or <c>length</c>), left out when it gave none.
/// </summary>
public sealed record AiInferResult(
    string Text,
    int Tokens,
    decimal Cost,
    [property: JsonPropertyName("truncated")] bool Truncated = false,
    [property: JsonPropertyName("finish_reason")] string? FinishReason = null);
