using System.Globalization;

namespace Alpha2.Bench;

/// <summary>The <c>--name value</c> pairs after a command, read with a fallback each.</summary>
internal sealed class Arguments(string[] args)
{
    public string Text(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>An option that has no sensible default, such as the results file (the tool must not write one wherever it runs).</summary>
    public string Required(string name) =>
        Text(name, "") is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is required");

    public int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>An integer when the option is given, else null.</summary>
    public int? OptionalInt(string name) => Text(name, "") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public double Double(string name, double fallback) =>
        double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>A comma-separated list of process ids.</summary>
    public int[] Pids(string name) =>
        Text(name, "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An enum value by name, in any case; required.</summary>
    public T Enum<T>(string name)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(Text(name, ""), ignoreCase: true, out var value)
            ? value
            : throw new ArgumentException($"{name} must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
}
