using System.Globalization;
using System.Text;

namespace Alpha2.Bench;

/// <summary>
/// The one table of a run: each figure, the limit measured beside it in the same run, their ratio, and whether the
/// issue's target is met, computed from the figures (a missing figure is reported as not measured, never as met).
/// </summary>
internal static class Report
{
    public static int Run(Arguments args)
    {
        var figures = Results.Read(args.Text("--results", "results.txt"));
        var table = new StringBuilder();
        table.AppendLine("| measure | figure | limit (same run) | limit | ratio | target | met |");
        table.AppendLine("| --- | ---: | --- | ---: | ---: | --- | --- |");
        var missed = 0;
        foreach (var row in ReportRows.All)
        {
            var figure = figures.GetValueOrDefault(row.Figure, double.NaN);
            var limit = row.Limit is null ? double.NaN : figures.GetValueOrDefault(row.Limit, double.NaN);
            var ratio = figure / limit;
            var met = row.Target.IsMet(figure, ratio);
            missed += met == false ? 1 : 0;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {Fill(row.Measure, figures)} | {Format(figure)} {row.Unit} | {row.LimitLabel} | {Format(limit)} | {Ratio(ratio)} | {row.Target.Text} | {Met(met)} |");
        }

        var text = table.ToString();
        Console.WriteLine(text);
        if (args.Text("--out", "") is { Length: > 0 } path)
        {
            File.WriteAllText(path, text);
        }

        return missed;
    }

    /// <summary>Puts figures into a label: <c>{memory.jobs}</c> becomes that run's job count.</summary>
    private static string Fill(string label, Dictionary<string, double> figures) =>
        System.Text.RegularExpressions.Regex.Replace(label, @"\{([a-z0-9_.]+)\}", m => Format(figures.GetValueOrDefault(m.Groups[1].Value, double.NaN)));

    private static string Format(double value) => double.IsNaN(value) ? "n/a"
        : value >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "—" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Met(bool? met) => met switch
    {
        true => "yes",
        false => "**no**",
        null => "—",
    };
}
