using Microsoft.Extensions.FileProviders;

namespace Alpha2.Api.WebConsole;

/// <summary>
/// The web console: static files from <c>wwwroot</c> at <c>/</c> (docs/console.md), read from beside the app's dll so
/// the page is there however the API is started (<c>scripts/start.sh</c> runs it from the repository's root, where the
/// default web root would be the repository's <c>wwwroot</c>, which does not exist). The page runs only its own scripts
/// and talks only to this API, so the content security policy allows nothing else; it is revalidated on every load
/// (ETag) so a deploy reaches open browsers at their next reload.
/// </summary>
internal static class ConsoleFiles
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseConsole(this IApplicationBuilder app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files })
            .UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.CacheControl = "no-cache";
                },
            });
    }
}
