using System.Globalization;

namespace Alpha2.Bench;

internal sealed record BenchOptions(string Command, Uri Api, string Redis, double Minutes, int Rate, int[] Pids, string? Out)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new BenchOptions(
            args.FirstOrDefault() ?? "",
            new Uri(Value("--api", "http://127.0.0.1:8080")),
            Value("--redis", "127.0.0.1:6379"),
            double.Parse(Value("--minutes", "10"), CultureInfo.InvariantCulture),
            int.Parse(Value("--rate", "40"), CultureInfo.InvariantCulture),
            Value("--pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray(),
            args.Contains("--out") ? Value("--out", "") : null);
    }
}
