using System.Globalization;
using System.Text;

namespace Alpha2.Bench;

/// <summary>Reads the arguments of one MONITOR line: <c>1700000000.123 [0 127.0.0.1:5000] "EVALSHA" "…" …</c>.</summary>
internal static class MonitorLine
{
    public static IEnumerable<string> Arguments(string line)
    {
        var current = new StringBuilder();
        var quoted = false;
        for (var i = line.IndexOf(']', StringComparison.Ordinal) + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (!quoted)
            {
                quoted = c == '"';
                continue;
            }

            if (c == '"')
            {
                yield return current.ToString();
                current.Clear();
                quoted = false;
            }
            else if (c == '\\')
            {
                var next = line[++i];
                current.Append(next switch
                {
                    'n' => "\n",
                    'r' => "\r",
                    't' => "\t",
                    'x' => ((char)int.Parse(line.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                    _ => next.ToString(),
                });
                i += next == 'x' ? 2 : 0;
            }
            else
            {
                current.Append(c);
            }
        }
    }
}
