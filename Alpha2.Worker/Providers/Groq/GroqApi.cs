using Refit;

namespace Alpha2.Worker.Providers.Groq;

/// <summary>Groq's OpenAI-compatible chat completions (docs/providers.md §5).</summary>
internal interface IGroqApi
{
    [Post("/v1/chat/completions")]
    Task<GroqResponse> ChatCompletionsAsync(
        [Body(buffered: true)] GroqRequest request,
        [Authorize("Bearer")] string apiKey,
        CancellationToken cancellationToken);
}
