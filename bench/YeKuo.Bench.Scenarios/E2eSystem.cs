using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using YeKuo.AppHost;
using YeKuo.Hosting;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// The whole system for the e2e and gateway benches, started from the AppHost graph (<c>AddYeKuo(developerRun: false)</c>)
/// the way <see cref="ChaosScenario"/> starts it: a fresh state directory under <c>/tmp/yekuo-bench/</c>, every resource's
/// output in <c>&lt;state&gt;/logs</c>, a free gateway port, the bench's own build configuration.
/// </summary>
public sealed class E2eSystem : IAsyncDisposable
{
    /// <summary>The gateway's per-client limit on public routes (dev tokens, calendar, policies) is 60 per 10 s by default:
    /// a bench issuing a token per customer, or calling the calendar thousands of times a second, would measure the limiter.
    /// The bench raises it through the gateway's own configuration keys (<c>RateLimits:Public:*</c>).</summary>
    public const string BenchPublicPermits = "100000000";

    private readonly FileLogSink _sink;
    private readonly bool _keepState;

    private E2eSystem(DistributedApplication app, FileLogSink sink, bool keepState)
    {
        App = app;
        _sink = sink;
        _keepState = keepState;
    }

    public DistributedApplication App { get; }

    public string StateDirectory => App.StateDirectory;

    public Uri Gateway => App.GetEndpoint("gateway");

    public double StartupSeconds { get; private set; }

    /// <summary>Whether the state directory is removed on dispose (set false to keep it, e.g. after a failure).</summary>
    public bool RemoveState { get; set; } = true;

    public static string DefaultConfiguration =>
        typeof(E2eSystem).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string NewStateDirectory(string scenario) => Path.GetFullPath(Path.Combine(Path.GetTempPath(), "yekuo-bench",
        $"{scenario}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}"));

    /// <summary>Builds and starts the graph. <paramref name="environment"/> adds variables per project resource
    /// (resource name → key → value), applied after the graph's own.</summary>
    public static async Task<E2eSystem> StartAsync(string stateDirectory, string configuration, bool keepState,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var sink = new FileLogSink(Path.Combine(stateDirectory, "logs"));
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            StateDirectory = stateDirectory,
            GatewayPort = FreePort(),
            Configuration = configuration,
            EnvironmentName = "Development",
            LogSink = sink,
            PrintResourceTable = false,
            // Shared 2-core machines under other people's builds start RabbitMQ and the services slowly.
            InfrastructureStartupTimeout = TimeSpan.FromSeconds(180),
            ProjectStartupTimeout = TimeSpan.FromSeconds(180),
        });
        builder.AddYeKuo(developerRun: false);
        foreach (var (resource, variables) in environment)
        {
            var project = builder.Resources.OfType<ProjectResource>().SingleOrDefault(r => r.Name == resource)
                ?? throw new ArgumentException($"No project resource '{resource}' in the graph.");
            var projectBuilder = new ProjectBuilder(builder, project);
            foreach (var (key, value) in variables) projectBuilder.WithEnvironment(key, value);
        }
        var app = builder.Build();
        var system = new E2eSystem(app, sink, keepState);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var logs = app.FormatLogs(30);
            system.RemoveState = false;
            await system.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The system did not start: {e.Message}\n{logs}", e);
        }
        system.StartupSeconds = clock.Elapsed.TotalSeconds;
        return system;
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Lets the bench add environment variables to a resource the graph declared (WithEnvironment needs a builder).</summary>
    private sealed class ProjectBuilder(DistributedApplicationBuilder applicationBuilder, ProjectResource resource) : IResourceBuilder<ProjectResource>
    {
        public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
        public ProjectResource Resource { get; } = resource;
    }
}

/// <summary>CPU time per resource (all processes of its group, from <c>/proc/&lt;pid&gt;/stat</c>) and of the bench itself.</summary>
public static class E2eCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Seconds of CPU (user + system) used so far by each resource's live processes, plus "bench" (this process).</summary>
    public static Dictionary<string, double> Sample(DistributedApplication app)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var resource in app.Resources)
        {
            double seconds = 0;
            foreach (var pid in app.GetProcessIds(resource.Name)) seconds += ProcessSeconds(pid);
            result[resource.Name] = seconds;
        }
        result["bench"] = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
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

    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may contain spaces) start after the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state); utime is field 14, stime field 15.
            return (double.Parse(rest[11], CultureInfo.InvariantCulture) + double.Parse(rest[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds per resource between two samples.</summary>
    public static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value - before.GetValueOrDefault(kv.Key)), StringComparer.Ordinal);
}
