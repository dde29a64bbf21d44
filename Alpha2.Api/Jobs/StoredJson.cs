namespace Alpha2.Api.Jobs;

/// <summary>
/// 200 with JSON bytes exactly as a worker stored them. Leaner than <c>TypedResults.Bytes</c>, which serves them as a
/// file (range requests, Accept-Ranges): the UI polls these routes, and a slice of JSON is of no use to it.
/// </summary>
internal sealed class StoredJson(byte[] utf8Json) : IResult
{
    public static readonly StoredJson EmptyArray = new("[]"u8.ToArray());

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/json";
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }
}
