// YeKuo bench. Usage:
//   dotnet run -c Release --project bench/YeKuo.Bench -- chaos [--applications N] [--workers W] [--kills K]
//       [--broker-restarts B] [--seed S] [--state-dir DIR] [--keep-state] [--results DIR] [--handoff-timeout SECONDS]
//       [--settle-timeout SECONDS] [--stall-timeout SECONDS]
// Starts the whole system (AppHost graph, this build's configuration), runs the scenario, prints the result and appends it
// to bench/results/<yyyy-MM-dd>-<scenario>.md. Exit code 0 when every check passed, 1 when one failed, 2 on bad usage.
using System.Globalization;
using YeKuo.Bench.Scenarios;
using YeKuo.Hosting;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/YeKuo.Bench -- chaos [options]
          --applications N       applications to drive (default 200)
          --workers W            concurrent department actors (default 16)
          --kills K              SIGKILLs of random department services (default 5)
          --broker-restarts B    RabbitMQ restarts (default 1)
          --seed S               random seed (default: time based, printed)
          --state-dir DIR        state directory (default /tmp/yekuo-bench/chaos-<stamp>)
          --keep-state           keep the state directory (it is always kept when a check fails)
          --results DIR          where the result file goes (default <repo>/bench/results)
          --handoff-timeout S    longest wait for one handoff or action (default 120)
          --settle-timeout S     longest wait for notices/outboxes to settle after the drive (default 120)
          --stall-timeout S      abandon the drive when no step completes for this long, then check (default 150)
        """);
    return args.Length == 0 ? 2 : 0;
}

var scenario = args[0];
if (scenario != "chaos")
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}'. Known: chaos.");
    return 2;
}

var options = new ChaosOptions();
string? resultsDirectory = null;
try
{
    for (var i = 1; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Missing value after {args[i]}.");
        int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
        switch (args[i])
        {
            case "--applications": options.Applications = Int(); break;
            case "--workers": options.Workers = Int(); break;
            case "--kills": options.Kills = Int(); break;
            case "--broker-restarts": options.BrokerRestarts = Int(); break;
            case "--seed": options.Seed = Int(); break;
            case "--state-dir": options.StateDirectory = Next(); break;
            case "--keep-state": options.KeepState = true; break;
            case "--results": resultsDirectory = Next(); break;
            case "--handoff-timeout": options.HandoffTimeout = TimeSpan.FromSeconds(Int()); break;
            case "--settle-timeout": options.SettleTimeout = TimeSpan.FromSeconds(Int()); break;
            case "--stall-timeout": options.StallTimeout = TimeSpan.FromSeconds(Int()); break;
            default: throw new ArgumentException($"Unknown option {args[i]}.");
        }
    }
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var stamp = DateTime.Now;
options.Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
ChaosReport report;
try
{
    report = await ChaosScenario.RunAsync(options, cancel.Token);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

var command = "dotnet run -c Release --project bench/YeKuo.Bench -- " + string.Join(' ', args);
var markdown = ReportWriter.ToMarkdown(report, command);
Console.WriteLine();
Console.WriteLine(markdown);
resultsDirectory ??= Path.Combine(DistributedApplicationBuilder.FindRepositoryRoot(), "bench", "results");
var path = ReportWriter.Write(report, resultsDirectory, command);
Console.WriteLine($"Result appended to {path} (started {stamp:HH:mm:ss}).");
return report.Passed ? 0 : 1;
