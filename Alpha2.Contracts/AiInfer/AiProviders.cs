namespace Alpha2.Contracts.AiInfer;

public static class AiProviders
{
    public const string Gemini = "gemini";
    public const string Groq = "groq";

    public static IReadOnlyList<string> All { get; } = [Gemini, Groq];
}
