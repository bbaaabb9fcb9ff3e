using System.Globalization;
using System.Reflection;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// <c>progress</c>: a customer's progress query with 100,000 applications stored, at a fixed request rate, with the
/// Redis cache cold, warm and off (and the uncached application details for comparison).
/// </summary>
public sealed class ProgressBench : IBenchScenario
{
    public string Name => "progress";

    public string Usage => """
          --applications N       applications stored in the Acceptance database (default 100000)
          --rate R               requests per second, open loop (default 500)
          --duration S           seconds measured per phase (default 30)
          --warmup S             seconds of untimed load before each phase after a (re)start (default 5)
          --gateway              also measure the warm cache through the gateway (starts the whole system)
          --traces               keep the services' span export to the AppHost trace view (off by default: the collector runs in the bench's process)
          --seed S               random seed (default 3)
          --state-dir DIR        state directory (default /tmp/yekuo-bench/progress-<stamp>)
          --keep-state           keep the state directory
          --results DIR          where the result file goes (default <repo>/bench/results)
        Target: GET /api/applications/{id}/progress with the cache warm: p99 ≤ 5 ms at 500 requests/s.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new ProgressOptions();
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            switch (a.Current)
            {
                case "--applications": options.Applications = Math.Max(100, a.NextInt()); break;
                case "--rate":
                    var rate = a.Next();
                    options.Rate = double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && r <= 20_000
                        ? r
                        : throw new ArgumentException($"--rate needs a number from 1 to 20000, not '{rate}'.");
                    break;
                case "--duration": options.DurationSeconds = Math.Max(1, a.NextInt()); break;
                case "--warmup": options.WarmupSeconds = Math.Max(0, a.NextInt()); break;
                case "--gateway": options.ThroughGateway = true; break;
                case "--traces": options.Traces = true; break;
                case "--seed": options.Seed = a.NextInt(); break;
                case "--state-dir": options.StateDirectory = a.Next(); break;
                case "--keep-state": options.KeepState = true; break;
                case "--results": resultsDirectory = a.Next(); break;
                default: throw a.Unknown();
            }
        }

        options.Configuration = typeof(ProgressBench).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        options.Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        var report = await ProgressScenario.RunAsync(options, cancellationToken);

        var command = BenchArguments.CommandLine(Name, args);
        var markdown = ProgressReport.ToMarkdown(report, command);
        Console.WriteLine();
        Console.WriteLine(markdown);
        resultsDirectory ??= Path.Combine(RepositoryRoot.Find(), "bench", "results");
        var path = ProgressReport.Write(report, markdown, resultsDirectory);
        Console.WriteLine($"Result appended to {path}.");
        return report.Passed ? 0 : 1;
    }
}

public sealed class ProgressOptions
{
    public int Applications { get; set; } = 100_000;

    public double Rate { get; set; } = 500;

    public int DurationSeconds { get; set; } = 30;

    public int WarmupSeconds { get; set; } = 5;

    public bool ThroughGateway { get; set; }

    public bool Traces { get; set; }

    public int Seed { get; set; } = 3;

    public string? StateDirectory { get; set; }

    public bool KeepState { get; set; }

    public string Configuration { get; set; } = "Release";

    public Action<string>? Log { get; set; }

    /// <summary>Target: the warm progress query's p99 at 500 requests/s.</summary>
    public const double TargetP99Milliseconds = 5;

    public const double TargetRate = 500;
}
