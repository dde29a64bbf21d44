using Alpha2.Bench;

// The bench's own tools; bench/run.sh and bench/soak.sh call them. Results go to --results (one "name value" a line).
var command = args.FirstOrDefault() ?? "";
var arguments = new Arguments(args);
return command switch
{
    "soak" => await Soak.RunAsync(BenchOptions.Parse(args)),
    "stub" => await ProviderStub.RunAsync(arguments),
    "static" => await StaticServer.RunAsync(arguments),
    "seed" => await Seed.RunAsync(arguments),
    "workers" => await WorkerThroughput.RunAsync(arguments),
    "e2e" => await EndToEnd.RunAsync(arguments),
    "redis-limit" => await RedisLimit.RunAsync(arguments),
    "memory" => await RetentionMemory.RunAsync(arguments),
    "floor" => await Floor.RunAsync(arguments),
    "report" => Report.Run(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Alpha2.Bench <command> [--name value …]
          soak     --api URL --redis HOST:PORT [--minutes 10] [--rate 40] [--pids PID,PID] [--out FILE]
          stub     --port P                      the provider stub (Gemini generateContent, answered at once)
          static   --port P                      the static server: fixed 202 and the read routes' bytes
          seed     --redis HOST:PORT             stores the read routes' results
          workers  --redis HOST:PORT --count N [--warmup N] [--warmup-seconds S] [--cpu-pids NAME=PID,…] --name NAME --results FILE
          floor    --stub URL --redis HOST:PORT --concurrency C [--warmup-seconds S] [--seconds S] [--cpu-pids NAME=PID,…] --name NAME --results FILE
          redis-limit --redis HOST:PORT --api URL [--clients 32,256] [--requests N] --results FILE
          e2e      --api URL --static URL --redis HOST:PORT [--count N] --results FILE
          memory   --redis HOST:PORT [--count N] [--retention-seconds S] --results FILE
          report   --results FILE [--out FILE]
        """);
    return 2;
}
