using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// Switchable faults over every provider: a share of calls answered 429 (with Retry-After), 500, or held past any
/// client timeout. They take priority over the world's answers.
/// </summary>
internal static class Faults
{
    public static void Register(WireMockServer server, SandboxOptions options)
    {
        var response = options.Fault switch
        {
            "429" => Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":429,"message":"Sandbox rate limit","status":"RESOURCE_EXHAUSTED"}}"""),
            "500" => Response.Create().WithStatusCode(500).WithBody("sandbox fault"),
            "timeout" => Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromMinutes(5)),
            "none" => null,
            _ => throw new ArgumentException($"SANDBOX_FAULT must be none, 429, 500 or timeout, not '{options.Fault}'."),
        };
        if (response is not null && options.FaultShare > 0)
        {
            server.Given(Request.Create().WithPath("/*")).AtPriority(1).WithProbability(options.FaultShare).RespondWith(response);
        }
    }
}
