using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Alpha2.Sandbox.Providers;

/// <summary>
/// Switchable faults over every provider: a share of calls answered 429 (with Retry-After), 500, or held past any
/// client timeout. They take priority over the world's answers. SANDBOX_FAULT sets one at start; at run time
/// <c>PUT /sandbox/fault</c> <c>{"fault":"500","percent":100,"path":"/groq/*"}</c> sets (or replaces) it, for every
/// provider when <c>path</c> is left out, and <c>DELETE /sandbox/fault</c> clears it.
/// </summary>
internal static class Faults
{
    public const string ControlPath = "/sandbox/fault";

    // WireMock tries mappings by ascending priority, and the world's answers have the default, 0: a fault goes before
    // them, and this switch before a fault over "/*".
    private const int FaultPriority = -1;
    private const int ControlPriority = -2;

    private static readonly Guid FaultMapping = Guid.Parse("5a4d0b0e-0000-4000-8000-00000000fa17");

    public static void Register(WireMockServer server, SandboxOptions options)
    {
        Set(server, options.Fault, options.FaultShare, "/*");
        server.Given(Request.Create().WithPath(ControlPath).UsingPut()).AtPriority(ControlPriority)
            .RespondWith(Response.Create().WithCallback(request => Control(server, request)));
        server.Given(Request.Create().WithPath(ControlPath).UsingDelete()).AtPriority(ControlPriority)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                server.DeleteMapping(FaultMapping);
                return Answer(200, """{"fault":"none"}""");
            }));
    }

    private static ResponseMessage Control(WireMockServer server, IRequestMessage request)
    {
        try
        {
            // WireMock keeps a JSON body parsed, not as a string: read the bytes it arrived as.
            using var body = JsonDocument.Parse(request.BodyAsBytes is { Length: > 0 } bytes ? bytes : "{}"u8.ToArray());
            var root = body.RootElement;
            var fault = root.TryGetProperty("fault", out var f) ? f.GetString() ?? "none" : "none";
            var percent = root.TryGetProperty("percent", out var p) ? p.GetInt32() : 100;
            var path = root.TryGetProperty("path", out var at) ? at.GetString() ?? "/*" : "/*";
            Set(server, fault, Math.Clamp(percent, 0, 100) / 100.0, path);
            return Answer(200, JsonSerializer.Serialize(new { fault, percent, path }));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return Answer(400, JsonSerializer.Serialize(new { error = e.Message }));
        }
    }

    private static void Set(WireMockServer server, string fault, double share, string path)
    {
        var response = fault switch
        {
            "429" => Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":429,"message":"Sandbox rate limit","status":"RESOURCE_EXHAUSTED"}}"""),
            "500" => Response.Create().WithStatusCode(500).WithBody("sandbox fault"),
            "timeout" => Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromMinutes(5)),
            "none" => null,
            _ => throw new ArgumentException($"fault must be none, 429, 500 or timeout, not '{fault}'."),
        };
        server.DeleteMapping(FaultMapping);
        if (response is not null && share > 0)
        {
            server.Given(Request.Create().WithPath(path)).WithGuid(FaultMapping).AtPriority(FaultPriority).WithProbability(share).RespondWith(response);
        }
    }

    private static ResponseMessage Answer(int status, string json)
    {
        var message = new ResponseMessage { StatusCode = status, BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String } };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }
}
