namespace Alpha2.Api.Infrastructure;

internal static class ApiDocs
{
    public const string Path = "docs";

    /// <summary>A browsable page over <c>/openapi/v1.json</c> at <c>/docs</c>.</summary>
    public static IApplicationBuilder MapApiDocs(this IApplicationBuilder app) =>
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Alpha2 API v1");
            options.RoutePrefix = Path;
            options.DocumentTitle = "Alpha2 API";
        });
}
