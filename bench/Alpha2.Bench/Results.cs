using System.Globalization;

namespace Alpha2.Bench;

/// <summary>The run's figures, one <c>name value</c> per line, appended by each step and read by the report.</summary>
internal static class Results
{
    public static void Append(string path, string name, double value)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{name} {value:0.###}");
        File.AppendAllLines(path, [line]);
        Console.WriteLine(line);
    }

    public static Dictionary<string, double> Read(string path) =>
        File.ReadLines(path)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => double.Parse(g.Last()[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
