
namespace Alpha2.Worker.Providers;

/// <summary>One LLM provider behind the AI box.</summary>
internal interface ILlmClient
{
    string Provider { get; }

    /// <summary>The environment variable holding the key; a job for this provider fails naming it when unset.</summary>
    string KeyVariable { get; }

    /// <summary>
    /// Answers <paramref name="prompt"/> in at most <paramref name="maxTokens"/> output tokens, or throws a readable
    /// JobFailedException, or <see cref="LlmQuotaExceededException"/> when a quota of the model will not recover soon.
    /// </summary>
    Task<LlmAnswer> CompleteAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken);
}

/// <summary>
/// The text and the tokens billed: input, output (thinking included) and the provider's total; why the provider stopped
/// (its own word), and whether that was the max-tokens limit cutting the answer short.
/// </summary>
internal sealed record LlmAnswer(string Text, int InputTokens, int OutputTokens, int TotalTokens, string? FinishReason = null, bool Truncated = false);
