using System.Globalization;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary><c>e2e</c>: department actors drive applications through every service via the gateway; applications/s,
/// handoff latency, and the raw MassTransit and RabbitMQ.Client baselines on the same broker at the same rate.</summary>
public sealed class E2eBench : IBenchScenario
{
    public string Name => "e2e";

    public string Usage => """
          --applications N       applications measured (default 200)
          --warmup N             applications driven first, not measured (default 200: until the tier-1 JIT is done)
          --workers W            concurrent department actors (default 64)
          --class C              customer class (default HighVoltageSingleSource)
          --worklist stream|poll actors follow each department's worklist stream (default) or poll it
          --poll-min MS          actors' worklist poll delay, lower bound (default 50; with --worklist poll)
          --poll-max MS          upper bound (default 100)
          --baseline-seconds S   seconds per broker baseline (default 20)
          --baseline-rate R      baseline message rate (default: the drive's handoff rate)
          --idle-seconds S       seconds the idle system's CPU is sampled before the drive (default 10; 0 = skip)
          --outbox-poll MS       Outbox__PollInterval for every service (default: the services' own, 1 s)
          --env KEY=VALUE        environment variable for every service and the gateway (repeatable)
          --state-dir DIR        state directory (default /tmp/yekuo-bench/e2e-<stamp>)
          --keep-state           keep the state directory (always kept when the run is incomplete)
          --results DIR          where the result file goes (default <repo>/bench/results)
          --handoff-timeout S    longest wait for one handoff or action (default 120)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new E2eOptions();
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            var name = a.Current;
            switch (name)
            {
                case "--applications": options.Applications = Positive(name, a.NextInt()); break;
                case "--warmup": options.Warmup = Math.Max(0, a.NextInt()); break;
                case "--workers": options.Workers = Positive(name, a.NextInt()); break;
                case "--class": options.CustomerClass = a.Next(); break;
                case "--worklist":
                    options.PollWorklists = a.Next() switch
                    {
                        "stream" => false,
                        "poll" => true,
                        var other => throw new ArgumentException($"--worklist takes stream or poll, not '{other}'."),
                    };
                    break;
                case "--poll-min": options.PollMinMs = Math.Max(0, a.NextInt()); break;
                case "--poll-max": options.PollMaxMs = Math.Max(0, a.NextInt()); break;
                case "--baseline-seconds": options.BaselineSeconds = Positive(name, a.NextInt()); break;
                case "--baseline-rate":
                    var text = a.Next();
                    options.BaselineRate = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
                        ? rate : throw new ArgumentException($"--baseline-rate needs a positive number, not '{text}'.");
                    break;
                case "--idle-seconds": options.IdleSeconds = Math.Max(0, a.NextInt()); break;
                case "--outbox-poll": options.OutboxPollMs = Positive(name, a.NextInt()); break;
                case "--env":
                    var pair = a.Next();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw new ArgumentException($"--env needs KEY=VALUE, not '{pair}'.");
                    options.Environment[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--state-dir": options.StateDirectory = a.Next(); break;
                case "--keep-state": options.KeepState = true; break;
                case "--results": resultsDirectory = a.Next(); break;
                case "--handoff-timeout": options.HandoffTimeout = TimeSpan.FromSeconds(Positive(name, a.NextInt())); break;
                default: throw a.Unknown();
            }
        }

        options.Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        var report = await E2eScenario.RunAsync(options, cancellationToken);
        var command = BenchArguments.CommandLine(Name, args);
        Console.WriteLine();
        Console.WriteLine(E2eReportWriter.ToMarkdown(report, command));
        resultsDirectory ??= Path.Combine(RepositoryRoot.Find(), "bench", "results");
        var path = E2eReportWriter.Write(report, resultsDirectory, command);
        Console.WriteLine($"Result appended to {path}.");
        return report.Passed ? 0 : 1;
    }

    private static int Positive(string option, int value) =>
        value > 0 ? value : throw new ArgumentException($"{option} needs a positive value.");
}
