using Alpha2.Api.AiInfer;
using Alpha2.Api.CexRadar;
using Alpha2.Api.WebConsole;
using Alpha2.Api.HeliusMints;
using Alpha2.Api.Infrastructure;
using Alpha2.Api.Jobs;
using Alpha2.Api.Metrics;
using Alpha2.Api.Ops;
using Alpha2.Api.Whales;
using Alpha2.Queue;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddAlpha2Api();

var app = builder.Build();
// Connect before serving: a burst of first requests must not each wait on (and starve) the initial connect, the shared
// one's or the durable enqueues' own (ENQUEUE_MIN_REPLICAS).
app.Services.GetRequiredService<IConnectionMultiplexer>();
app.Services.GetRequiredService<JobQueue>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseConsole();
app.UseCors();
app.UseRateLimiter();

app.MapOpenApi();
app.MapApiDocs();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheus();

app.MapCexRadar();
app.MapHeliusMints();
app.MapWhales();
app.MapAiInfer();
app.MapMetrics();
app.MapJobs();
app.MapOps();
app.MapOpsEvents();

app.Run();

public partial class Program;
