using System.Globalization;
using StackExchange.Redis;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// Reads <c>REDIS_URL</c> in the form main.py's <c>redis.Redis.from_url</c> takes, extended to Redis's distributed
/// modes (docs/scaling.md):
/// <list type="bullet">
/// <item><c>redis://[[user]:password@]host[:port][,host[:port]…][/db]</c>, <c>rediss://</c> for TLS: one server, or
/// several nodes of a Redis Cluster (any of them; the client discovers the rest).</item>
/// <item><c>redis+sentinel://[[user]:password@]host[:port][,host[:port]…]/service[/db]</c>: the sentinels (port 26379 by default) and the name they monitor the primary under. Connections go to
/// the primary the sentinels name at each connect (<see cref="SentinelTunnel"/>); the credentials are the primary's,
/// the sentinels' own (if they ask for any) are <paramref name="sentinelCredentials"/>. <c>rediss+sentinel://</c>:
/// the same over TLS, to the sentinels and to the primary.</item>
/// </list>
/// StackExchange.Redis only parses its own <c>host:port,option=value</c> form, so the URL is mapped here.
/// </summary>
public static class RedisUrl
{
    public const string Default = "redis://localhost:6379/0";

    /// <summary>The PEM certificate of the CA that signed Redis's own, for <c>rediss://</c> with a private CA.</summary>
    public const string TlsCaFileVariable = "REDIS_TLS_CA_FILE";

    private const string Form = "REDIS_URL must look like redis://[user:password@]host:port[,host:port…]/db, rediss://…, "
                                + "or redis+sentinel://[user:password@]host:port[,host:port…]/service/db (rediss+sentinel:// for TLS)";

    /// <summary>
    /// The options for <paramref name="url"/>; over TLS, certificates are checked against the system's CAs, or against
    /// the one in <paramref name="tlsCaFile"/> (<see cref="TlsCaFileVariable"/>).
    /// </summary>
    public static ConfigurationOptions Parse(string url, SentinelCredentials? sentinelCredentials = null, string? tlsCaFile = null)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : "";
        if (scheme is not ("redis" or "rediss" or "redis+sentinel" or "rediss+sentinel"))
        {
            throw new FormatException(Form);
        }

        var sentinel = scheme.EndsWith("+sentinel", StringComparison.Ordinal);
        var tls = scheme.StartsWith("rediss", StringComparison.Ordinal);
        if (tlsCaFile is not null && !tls)
        {
            throw new FormatException($"{TlsCaFileVariable} is set, but REDIS_URL is not a TLS URL (rediss://, rediss+sentinel://).");
        }

        var rest = url[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? [] : rest[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : authority[..at];
        var hosts = at < 0 ? authority : authority[(at + 1)..];

        var options = new ConfigurationOptions();
        foreach (var host in hosts.Split(',', StringSplitOptions.TrimEntries))
        {
            var (name, port) = HostAndPort(host, sentinel ? 26379 : 6379);
            options.EndPoints.Add(name, port);
        }

        if (userInfo.Length > 0)
        {
            var parts = userInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(parts[0]);
            options.User = user.Length > 0 && parts.Length == 2 ? user : null;
            // redis://:secret@host and redis://secret@host both carry only a password.
            options.Password = Uri.UnescapeDataString(parts.Length == 2 ? parts[1] : parts[0]);
        }

        if (sentinel)
        {
            var service = path.Length > 0 ? Uri.UnescapeDataString(path[0]) : throw new FormatException(
                "REDIS_URL names no service: redis+sentinel://host:port,host:port/<service>[/db].");
            // Over TLS the tunnel speaks it itself, so that the primary's certificate is checked against the name the
            // sentinels gave, not the logical one the multiplexer knows.
            var tunnel = new SentinelTunnel([.. options.EndPoints], service, sentinelCredentials, tls ? new SentinelTls(tlsCaFile) : null);
            options.EndPoints.Clear();
            options.EndPoints.Add(tunnel.LogicalEndPoint);
            options.Tunnel = tunnel;
            path = path[1..];
        }
        else if (sentinelCredentials is not null)
        {
            throw new FormatException($"{SentinelCredentials.PasswordVariable} is set, but REDIS_URL names no sentinels (redis+sentinel://…).");
        }
        else if (tls)
        {
            options.Ssl = true;
            if (tlsCaFile is not null)
            {
                options.TrustIssuer(tlsCaFile);
            }
        }

        if (path.Length > 1)
        {
            throw new FormatException(Form);
        }

        if (path.Length == 1)
        {
            options.DefaultDatabase = int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out var db)
                ? db
                : throw new FormatException($"REDIS_URL database '{path[0]}' is not a number (redis://host:port/<db>).");
        }

        return options;
    }

    /// <summary>The URL with its password hidden, for logs.</summary>
    public static string Redact(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var slash = url.IndexOf('/', Math.Max(start, 0));
        var at = url.LastIndexOf('@', slash < 0 ? url.Length - 1 : slash);
        return start >= 3 && at > start ? url[..start] + "***" + url[at..] : url;
    }

    private static (string Host, int Port) HostAndPort(string text, int defaultPort)
    {
        // [v6::addr]:port, host:port or a bare host.
        var colon = text.StartsWith('[') ? text.IndexOf("]:", StringComparison.Ordinal) + 1 : text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : text;
        var port = defaultPort;
        if (colon > 0 && (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new FormatException($"REDIS_URL port in '{text}' is not a port number.");
        }

        host = host.Trim('[', ']');
        return host.Length > 0 ? (host, port) : throw new FormatException(Form);
    }
}
