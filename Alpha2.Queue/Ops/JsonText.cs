using System.Text.Json;

namespace Alpha2.Queue.Ops;

internal static class JsonText
{
    /// <summary>Whether stored text is JSON that an answer may embed as it is.</summary>
    public static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
