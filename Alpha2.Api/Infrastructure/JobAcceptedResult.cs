using System.Reflection;
using System.Text.Json;
using Alpha2.Contracts;
using Alpha2.Contracts.Jobs;
using Microsoft.AspNetCore.Http.Metadata;

namespace Alpha2.Api.Infrastructure;

/// <summary>202 <c>{"jobId"}</c> with <c>Location: /api/jobs/{jobId}</c>, in one send (<see cref="Utf8JsonResult"/>).</summary>
internal sealed class JobAcceptedResult(string jobId) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        new Utf8JsonResult(
                JsonSerializer.SerializeToUtf8Bytes(new JobAccepted(jobId), Alpha2Json.Default.JobAccepted),
                StatusCodes.Status202Accepted,
                location: $"/api/jobs/{jobId}")
            .ExecuteAsync(httpContext);

    /// <summary>What the OpenAPI document says of every endpoint that returns this.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(JobAccepted), ["application/json"]));
}
