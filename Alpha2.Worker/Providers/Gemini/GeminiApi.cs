using Refit;

namespace Alpha2.Worker.Providers.Gemini;

/// <summary>Gemini's generateContent (docs/providers.md §4); the key goes in a header, never the URL.</summary>
internal interface IGeminiApi
{
    [Post("/v1beta/models/{model}:generateContent")]
    Task<GeminiResponse> GenerateContentAsync(
        string model,
        [Body(buffered: true)] GeminiRequest request,
        [Header("x-goog-api-key")] string apiKey,
        CancellationToken cancellationToken);
}
