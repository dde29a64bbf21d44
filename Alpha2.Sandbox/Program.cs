using System.Runtime.InteropServices;
using Alpha2.Sandbox;
using Alpha2.Sandbox.Providers;
using WireMock.Server;
using WireMock.Settings;

// Every provider at one port, each under its own path prefix (/gemini, /groq, /helius-rpc, /helius-api, /rugcheck, /birdeye, /apify, /binance, /bybit,
// /okx, /telegram): point the *_API_URL variables at http://host:port/<prefix>.
var options = SandboxOptions.FromEnvironment();
using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://0.0.0.0:{options.Port}"] });
var answers = new Answers(options);
Faults.Register(server, options);
Llms.Register(server, answers);
Exchanges.Register(server, answers);
Social.Register(server, answers);
var world = Solana.Register(server, answers, options);
await using var stream = await StreamSocket.StartAsync(server, answers, world, options);

Console.WriteLine($"Alpha2 sandbox: every provider faked on http://127.0.0.1:{options.Port} (latency {options.Latency.TotalMilliseconds} ms, fault {options.Fault})");
if (stream.Listening)
{
    Console.WriteLine($"Alpha2 sandbox: pump.fun logsSubscribe on ws://127.0.0.1:{options.WsPort}/ (a drop every {options.WsDropEvery.TotalSeconds} s)");
}

var stopped = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });
await stopped.Task;
