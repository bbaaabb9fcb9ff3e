using System.Globalization;
using System.Reflection;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// The whole system for the e2e and gateway benches, started from the AppHost graph (<see cref="YeKuoSystem"/>) the way
/// <see cref="ChaosScenario"/> starts it: a fresh state directory under <c>/tmp/yekuo-bench/</c>, every resource's output in
/// <c>&lt;state&gt;/logs</c>, a free gateway port, the bench's own build configuration.
/// </summary>
public sealed class E2eSystem : IAsyncDisposable
{
    /// <summary>The gateway's per-client limit on public routes (dev tokens, calendar, policies) is 60 per 10 s by default:
    /// a bench issuing a token per customer, or calling the calendar thousands of times a second, would measure the limiter.
    /// The bench raises it through the gateway's own configuration keys (<c>RateLimits:Public:*</c>).</summary>
    public const string BenchPublicPermits = "100000000";

    private readonly FileLogSink _sink;
    private readonly bool _keepState;

    private E2eSystem(YeKuoSystem app, FileLogSink sink, bool keepState)
    {
        App = app;
        _sink = sink;
        _keepState = keepState;
    }

    public YeKuoSystem App { get; }

    public string StateDirectory => App.StateDirectory;

    public Uri Gateway => App.Gateway;

    public double StartupSeconds => App.StartupSeconds;

    /// <summary>Whether the state directory is removed on dispose (set false to keep it, e.g. after a failure).</summary>
    public bool RemoveState { get; set; } = true;

    /// <summary>The configuration the AppHost (built with the bench) runs the services in.</summary>
    public static string DefaultConfiguration =>
        typeof(E2eSystem).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string NewStateDirectory(string scenario) => Path.GetFullPath(Path.Combine(Path.GetTempPath(), "yekuo-bench",
        $"{scenario}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}"));

    /// <summary>Builds and starts the graph. <paramref name="environment"/> adds variables per project resource
    /// (resource name → key → value), applied after the graph's own.</summary>
    public static async Task<E2eSystem> StartAsync(string stateDirectory, bool keepState,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var sink = new FileLogSink(Path.Combine(stateDirectory, "logs"));
        try
        {
            var app = await YeKuoSystem.StartAsync(new SystemOptions
            {
                StateDirectory = stateDirectory,
                Environment = environment,
                LogSink = sink.Write,
                // Shared 2-core machines under other people's builds start RabbitMQ and the services slowly.
                StartTimeout = TimeSpan.FromMinutes(3),
            }, cancellationToken).ConfigureAwait(false);
            return new E2eSystem(app, sink, keepState);
        }
        catch
        {
            sink.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _sink.Flush();
        await App.DisposeAsync().ConfigureAwait(false);
        _sink.Dispose();
        if (RemoveState && !_keepState)
        {
            try { Directory.Delete(App.StateDirectory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>CPU time per resource (all processes of its tree, from <c>/proc/&lt;pid&gt;/stat</c>) and of the bench itself.</summary>
public static class E2eCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU (user and kernel) and storage writes so far of each resource's live processes, plus "bench" (this process).</summary>
    public static Dictionary<string, ProcessUsage> Usage(YeKuoSystem app)
    {
        var result = new Dictionary<string, ProcessUsage>(StringComparer.Ordinal);
        foreach (var resource in YeKuoSystem.HealthCheckedResources)
        {
            result[resource] = app.GetProcessIds(resource).Select(ProcessTree.UsageOf).Aggregate(default(ProcessUsage), (sum, usage) => sum + usage);
        }
        result["bench"] = ProcessTree.UsageOf(Environment.ProcessId);
        return result;
    }

    /// <summary>Total machine CPU seconds (all processes, from /proc/stat) so far: the share of the others tells how busy the box was.</summary>
    public static (double Busy, double Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Take(8).Sum();
            return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }

    /// <summary>What each resource used between two samples.</summary>
    public static Dictionary<string, ProcessUsage> Delta(Dictionary<string, ProcessUsage> before, Dictionary<string, ProcessUsage> after) =>
        after.ToDictionary(kv => kv.Key, kv => ProcessUsage.Between(before.GetValueOrDefault(kv.Key), kv.Value), StringComparer.Ordinal);
}
