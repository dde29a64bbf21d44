using System.Security.Cryptography;
using System.Text;

namespace Alpha2.Api.Infrastructure;

/// <summary>
/// When <c>API_KEY</c> is set, mutating endpoints require it in <c>X-API-Key</c> (compared in constant time);
/// 401 problem+json otherwise. Unset, they are open, as the seed's main.py was.
/// </summary>
internal sealed class ApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-API-Key";

    private const string Variable = "API_KEY";

    private readonly byte[]? _key = configuration[Variable] is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public static bool IsRequired(IConfiguration configuration) => configuration[Variable] is { Length: > 0 };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_key is not null && !Matches(context.HttpContext.Request.Headers[Header].ToString()))
        {
            return TypedResults.Problem($"Send the API key in the {Header} header.", statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
        }

        return await next(context);
    }

    private bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(_key!));
}
