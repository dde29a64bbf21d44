using Alpha2.Bench;

// dotnet Alpha2.Bench.dll soak --api http://127.0.0.1:8092 --redis 127.0.0.1:6392 --minutes 10 --rate 40 --pids 123,456
var options = BenchOptions.Parse(args);
return options.Command switch
{
    "soak" => await Soak.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Alpha2.Bench soak --api URL --redis HOST:PORT [--minutes 10] [--rate 40] [--pids PID,PID] [--out FILE]");
    return 2;
}
