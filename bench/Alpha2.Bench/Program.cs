using Alpha2.Bench;
using Alpha2.Contracts;

// The bench's own tools; bench/run.sh, bench/compare.sh and bench/soak.sh call them. Every measuring command appends
// one typed record per run to --results (JSON lines, Measurements.cs); report and compare-line read them back.
// Keys are named as the API and worker the bench drives name them: the same REDIS_KEY_MODE (docs/redis-keys.md).
KeyScheme.Use(Environment.GetEnvironmentVariable(KeyScheme.Variable));
var command = args.FirstOrDefault() ?? "";
var arguments = new Arguments(args);
return command switch
{
    "stub" => await ProviderStub.RunAsync(arguments),
    "static" => await StaticServer.RunAsync(arguments),
    "seed" => await Seed.RunAsync(arguments),
    "run-info" => Machine.Run(arguments),
    "http" => await HttpLoad.RunAsync(arguments),
    "redis-limit" => await RedisLimit.RunAsync(arguments),
    "workers" => await WorkerThroughput.RunAsync(arguments),
    "floor" => await Floor.RunAsync(arguments),
    "e2e" => await EndToEnd.RunAsync(arguments),
    "memory" => await RetentionMemory.RunAsync(arguments),
    "rss" => ProcessRss.Run(arguments),
    "report" => Report.Run(arguments),
    "compare-line" => CompareLine.Run(args.ElementAtOrDefault(1) ?? "", arguments),
    "soak" => await Soak.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Alpha2.Bench <command> [--name value …]
          stub        --port P            the provider stub (Groq chat completions on /openai/v1/chat/completions, Gemini generateContent otherwise; answered at once)
          static      --port P            the static server: fixed 202 and the read routes' bytes
          seed        --redis HOST:PORT   stores the read routes' results
          soak        --api URL --redis HOST:PORT [--minutes 10] [--rate 40] [--pids PID,PID] [--out FILE]
        measuring commands, each appending to --results FILE:
          run-info    --commit C --settings TEXT                 the machine and versions, the report's heading
          http        --server api|static --route enqueue|top3|mints|job --url URL --connections C --duration S
                      [--warm-seconds S] [--pair N] [--cpu-pids NAME=PID,…] [--redis HOST:PORT]
          redis-limit --redis HOST:PORT --api URL [--clients 32,256] [--requests N]
          workers     --redis HOST:PORT --pids PID,… --concurrency C --count N [--provider gemini|groq] [--warmup N]
                      [--warmup-seconds S] [--cpu-pids NAME=PID,…]
          floor       --stub URL --redis HOST:PORT --concurrency C [--provider gemini|groq] [--warmup-seconds S] [--seconds S]
                      [--cpu-pids NAME=PID,…]
          e2e         --api URL --static URL --redis HOST:PORT [--count N]
          memory      --redis HOST:PORT [--count N] [--retention-seconds S]
          rss         --process ROLE --pids PID,…
        reading results:
          report      --results FILE [--out FILE]               the table of a bench/run.sh run
          compare-line api|e2e|read|worker --results FILE --label TEXT   one side of a bench/compare.sh round
        """);
    return 2;
}
