using System.Globalization;
using System.Reflection;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// <c>scale</c>: the worklist query and one supervision (deadline) scan over 10k, 100k and 1M open work items in one
/// department service's SQLite database, with the SQL, the query plans and the indexes they use.
/// </summary>
public sealed class ScaleBench : IBenchScenario
{
    public string Name => "scale";

    public string Usage => """
          --sizes N,N,...        open work items to measure at, ascending; the database grows from one to the next (default 10000,100000,1000000)
          --closed-ratio R       closed (completed/cancelled) history items per open item (default 0.25)
          --repetitions N        timed runs per query and size, after 3 untimed ones (default 200)
          --max-seconds S        stop a query's repetitions after this long (default 20)
          --seed S               random seed (default 8)
          --state-dir DIR        where the database goes (default /tmp/yekuo-bench/scale-<stamp>)
          --keep-state           keep the database (about 4 GB at 1M items)
          --results DIR          where the result file goes (default <repo>/bench/results)
        Target: one deadline scan over 1,000,000 open items ≤ 100 ms (p99).
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new ScaleOptions();
        string? resultsDirectory = null;
        var a = new BenchArguments(args);
        while (a.MoveNext())
        {
            switch (a.Current)
            {
                case "--sizes":
                    var text = a.Next();
                    options.Sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                            ? n
                            : throw new ArgumentException($"--sizes needs positive integers, not '{s}'."))
                        .ToArray();
                    if (options.Sizes.Count == 0 || !options.Sizes.SequenceEqual(options.Sizes.Order()) || options.Sizes.Distinct().Count() != options.Sizes.Count)
                    {
                        throw new ArgumentException("--sizes must be distinct and ascending, e.g. 10000,100000,1000000.");
                    }
                    break;
                case "--closed-ratio":
                    var ratio = a.Next();
                    options.ClosedRatio = double.TryParse(ratio, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r >= 0 && r <= 20
                        ? r
                        : throw new ArgumentException($"--closed-ratio needs a number from 0 to 20, not '{ratio}'.");
                    break;
                case "--repetitions": options.Repetitions = Math.Max(5, a.NextInt()); break;
                case "--max-seconds": options.MaxSeconds = Math.Max(1, a.NextInt()); break;
                case "--seed": options.Seed = a.NextInt(); break;
                case "--state-dir": options.StateDirectory = a.Next(); break;
                case "--keep-state": options.KeepState = true; break;
                case "--results": resultsDirectory = a.Next(); break;
                default: throw a.Unknown();
            }
        }

        var command = BenchArguments.CommandLine(Name, args);
        options.Configuration = typeof(ScaleBench).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "?";
        options.Log = line => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        var report = await ScaleScenario.RunAsync(options, cancellationToken);

        Console.WriteLine();
        var markdown = ScaleReport.ToMarkdown(report, command);
        Console.WriteLine(markdown);
        resultsDirectory ??= Path.Combine(RepositoryRoot.Find(), "bench", "results");
        var path = ScaleReport.Write(report, markdown, resultsDirectory);
        Console.WriteLine($"Result appended to {path}.");
        return report.Passed ? 0 : 1;
    }
}

public sealed class ScaleOptions
{
    public IReadOnlyList<int> Sizes { get; set; } = [10_000, 100_000, 1_000_000];

    public double ClosedRatio { get; set; } = 0.25;

    public int Repetitions { get; set; } = 200;

    public int MaxSeconds { get; set; } = 20;

    public int Seed { get; set; } = 8;

    public string? StateDirectory { get; set; }

    public bool KeepState { get; set; }

    public string Configuration { get; set; } = "?";

    public Action<string>? Log { get; set; }

    /// <summary>The scan target: one deadline scan over this many open items…</summary>
    public const int TargetItems = 1_000_000;

    /// <summary>…within this many milliseconds (p99).</summary>
    public const double TargetMilliseconds = 100;
}
