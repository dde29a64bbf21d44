using WireMock.ResponseBuilders;

namespace Alpha2.Sandbox.Providers;

/// <summary>Builds answers with the sandbox's latency applied to every one.</summary>
internal sealed class Answers(SandboxOptions options)
{
    public IResponseBuilder Json(string body, int status = 200) => With(body, status, "application/json");

    public IResponseBuilder Html(string body) => With(body, 200, "text/html; charset=utf-8");

    /// <summary>A JSON answer computed from the request (a JSON-RPC world), with the same latency.</summary>
    public IResponseBuilder Json(Func<WireMock.IRequestMessage, string> answer)
    {
        var response = Response.Create().WithCallback(request =>
        {
            var message = new WireMock.ResponseMessage
            {
                StatusCode = 200,
                BodyData = new WireMock.Util.BodyData { DetectedBodyType = WireMock.Types.BodyType.String, BodyAsString = answer(request) },
            };
            message.AddHeader("Content-Type", "application/json");
            return message;
        });
        return options.Latency > TimeSpan.Zero ? response.WithDelay(options.Latency) : response;
    }

    private IResponseBuilder With(string body, int status, string contentType)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        return options.Latency > TimeSpan.Zero ? response.WithDelay(options.Latency) : response;
    }
}
