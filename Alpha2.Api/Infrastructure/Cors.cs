namespace Alpha2.Api.Infrastructure;

/// <summary>Browsers may call the API only from the origins in CORS_ORIGINS (comma-separated); none when unset.</summary>
internal static class Cors
{
    public static IServiceCollection AddAlpha2Cors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = (configuration["CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", ApiKeyFilter.Header, "traceparent")));
    }
}
