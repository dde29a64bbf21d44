namespace Alpha2.Contracts.AiInfer;

public static class AiProviders
{
    public const string Gemini = "gemini";
    public const string Groq = "groq";

    public static IReadOnlyList<string> All { get; } = [Gemini, Groq];

    /// <summary>The provider's name as people write it.</summary>
    public static string Display(string provider) => provider switch
    {
        Gemini => "Gemini",
        Groq => "Groq",
        _ => provider,
    };
}
