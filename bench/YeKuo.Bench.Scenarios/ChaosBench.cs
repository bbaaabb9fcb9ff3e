using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary><c>chaos</c>: applications driven to power connected while services are SIGKILLed and the broker restarted; nothing lost or duplicated.</summary>
public sealed class ChaosBench : IBenchScenario
{
    public string Name => "chaos";

    public string Usage => """
          --applications N       applications to drive (default 200)
          --workers W            concurrent department actors (default 16)
          --kills K              SIGKILLs of random department services (default 5)
          --broker-restarts B    RabbitMQ restarts (default 1)
          --seed S               random seed (default: time based, printed)
          --worklist stream|poll actors follow each department's worklist stream (default) or poll it
          --state-dir DIR        state directory (default /tmp/yekuo-bench/chaos-<stamp>)
          --keep-state           keep the state directory (it is always kept when a check fails)
          --results DIR          where the result file goes (default <repo>/bench/results)
          --handoff-timeout S    longest wait for one handoff or action (default 120)
          --settle-timeout S     after the drive, give up settling when nothing moved for S seconds (default 120)
          --stall-timeout S      abandon the drive when no step completes for this long, then check (default 150)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new ChaosOptions();
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            switch (a.Current)
            {
                case "--applications": options.Applications = a.NextInt(); break;
                case "--workers": options.Workers = a.NextInt(); break;
                case "--kills": options.Kills = a.NextInt(); break;
                case "--broker-restarts": options.BrokerRestarts = a.NextInt(); break;
                case "--seed": options.Seed = a.NextInt(); break;
                case "--worklist":
                    options.PollWorklists = a.Next() switch
                    {
                        "stream" => false,
                        "poll" => true,
                        var other => throw new ArgumentException($"--worklist takes stream or poll, not '{other}'."),
                    };
                    break;
                case "--state-dir": options.StateDirectory = a.Next(); break;
                case "--keep-state": options.KeepState = true; break;
                case "--results": resultsDirectory = a.Next(); break;
                case "--handoff-timeout": options.HandoffTimeout = TimeSpan.FromSeconds(a.NextInt()); break;
                case "--settle-timeout": options.SettleTimeout = TimeSpan.FromSeconds(a.NextInt()); break;
                case "--stall-timeout": options.StallTimeout = TimeSpan.FromSeconds(a.NextInt()); break;
                default: throw a.Unknown();
            }
        }

        var stamp = DateTime.Now;
        options.Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        var report = await ChaosScenario.RunAsync(options, cancellationToken);

        var command = BenchArguments.CommandLine(Name, args);
        Console.WriteLine();
        Console.WriteLine(ReportWriter.ToMarkdown(report, command));
        resultsDirectory ??= Path.Combine(RepositoryRoot.Find(), "bench", "results");
        var path = ReportWriter.Write(report, resultsDirectory, command);
        Console.WriteLine($"Result appended to {path} (started {stamp:HH:mm:ss}).");
        return report.Passed ? 0 : 1;
    }
}
