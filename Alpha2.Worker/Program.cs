using Alpha2.Worker.Infrastructure;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddAlpha2Worker();
await builder.Build().RunAsync();
