
namespace Alpha2.Api.Infrastructure;

/// <summary>
/// JSON already encoded (as a worker stored it, or serialized up front), written in one send with its Content-Length.
/// <c>TypedResults.Bytes</c> would serve it as a file (range requests); <c>TypedResults.Ok</c> and <c>Accepted</c>
/// stream it chunked, and the closing chunk then costs a second send and a second wake-up of the client. The UI
/// polls the reads and posts the work: both are answered this way.
/// </summary>
internal sealed class Utf8JsonResult(byte[] utf8Json, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public static readonly Utf8JsonResult EmptyArray = new("[]"u8.ToArray());

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }
}
