namespace Alpha2.Contracts.AiInfer;

/// <summary>The result of an <c>ai-infer</c> job: the answer, total tokens billed, and its cost in USD.</summary>
public sealed record AiInferResult(string Text, int Tokens, decimal Cost);
