using StackExchange.Redis;

namespace Alpha2.ServiceDefaults;

/// <summary>
/// Reads <c>REDIS_URL</c> in the form main.py's <c>redis.Redis.from_url</c> takes:
/// <c>redis://[[user]:password@]host[:port][/db]</c>, and <c>rediss://</c> for TLS.
/// StackExchange.Redis only parses its own <c>host:port,option=value</c> form, so the URL is mapped here.
/// </summary>
public static class RedisUrl
{
    public const string Default = "redis://localhost:6379/0";

    public static ConfigurationOptions Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss"))
        {
            throw new FormatException("REDIS_URL must look like redis://[user:password@]host:port/db or rediss://…");
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var userInfo = uri.UserInfo.Split(':', 2);
            var user = Uri.UnescapeDataString(userInfo[0]);
            options.User = user.Length > 0 && userInfo.Length == 2 ? user : null;
            // redis://:secret@host and redis://secret@host both carry only a password.
            options.Password = Uri.UnescapeDataString(userInfo.Length == 2 ? userInfo[1] : userInfo[0]);
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = int.TryParse(path, out var db) && db >= 0
                ? db
                : throw new FormatException($"REDIS_URL database '{path}' is not a number (redis://host:port/<db>).");
        }

        return options;
    }

    /// <summary>The URL with its password hidden, for logs.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? url.Replace(uri.UserInfo, "***", StringComparison.Ordinal)
            : url;
}
