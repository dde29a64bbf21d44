namespace Alpha2.Contracts.AiInfer;

/// <summary>Body of <c>POST /api/ai/infer</c>, and the payload of an <c>ai-infer</c> job.</summary>
public sealed record AiInferRequest(string? Provider, string? Model, string? Prompt, int? MaxTokens);
