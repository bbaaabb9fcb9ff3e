// YeKuo bench: dotnet run -c Release --project bench/YeKuo.Bench -- <scenario> [options]   (--help lists them)
// Each scenario starts what it measures, runs, prints its result and appends it to bench/results/<yyyy-MM-dd>-<scenario>.md.
// Exit code 0 when every check passed, 1 when one failed, 2 on bad usage, 130 when cancelled.
using YeKuo.Bench.Scenarios;

var scenarios = BenchScenarios.All;
if (args.Length == 0 || args[0] is "-h" or "--help" || !scenarios.TryGetValue(args[0], out var scenario))
{
    if (args.Length > 0 && args[0] is not ("-h" or "--help")) Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
    Console.WriteLine("usage: dotnet run -c Release --project bench/YeKuo.Bench -- <scenario> [options]");
    foreach (var s in scenarios.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
    {
        Console.WriteLine();
        Console.WriteLine($"{s.Name}:");
        Console.WriteLine(s.Usage);
    }
    return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await scenario.RunAsync(args[1..], cancel.Token);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
