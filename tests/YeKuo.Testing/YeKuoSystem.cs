using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace YeKuo.Testing;

/// <summary>
/// The whole system as a developer runs it (the AppHost's graph through <c>DistributedApplicationTestingBuilder</c>): a
/// private RabbitMQ and Redis, the five services, the gateway and the web front end, in a throw-away state directory, on
/// free loopback ports. Tests and benches control resources through Aspire (stop, start, the process id for a SIGKILL),
/// read every resource's output, and, with <see cref="SystemOptions.Dashboard"/>, the dashboard's traces and logs.
/// </summary>
public sealed class YeKuoSystem : IAsyncDisposable
{
    /// <summary>Resources that report health (so "started" means "serving").</summary>
    public static readonly IReadOnlyList<string> HealthCheckedResources =
        ["messaging", "cache", "acceptance", "supplyscheme", "inspection", "metering", "notification", "gateway", "web"];

    private const int LinesKept = 2000;
    private readonly SystemOptions _options;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _logWatchers = [];

    private YeKuoSystem(SystemOptions options, string stateDirectory, DistributedApplication app, DashboardTelemetry? telemetry)
    {
        _options = options;
        StateDirectory = stateDirectory;
        App = app;
        Telemetry = telemetry;
    }

    public DistributedApplication App { get; }

    public string StateDirectory { get; }

    /// <summary>The dashboard's telemetry API (null unless <see cref="SystemOptions.Dashboard"/>).</summary>
    public DashboardTelemetry? Telemetry { get; }

    public Uri Gateway => GetEndpoint("gateway");

    /// <summary>Seconds from the builder to every resource healthy.</summary>
    public double StartupSeconds { get; private set; }

    public static async Task<YeKuoSystem> StartAsync(SystemOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SystemOptions();
        var stateDirectory = options.StateDirectory ?? Path.Combine(Path.GetTempPath(), "yekuo-system", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(stateDirectory);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        List<string> args = [$"--YeKuo:StateDirectory={stateDirectory}", "--YeKuo:Ephemeral=true", "--YeKuo:GatewayPort=0", .. options.Arguments];
        string? apiKey = null;
        if (options.Dashboard)
        {
            apiKey = Guid.NewGuid().ToString("N");
            args.AddRange([
                $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                // The testing builder would move the dashboard's fixed ports (its only proxied endpoints) to random ones,
                // away from the OTLP address the services are given; every port above is already free.
                "--DcpPublisher:RandomizePorts=false",
                $"--AppHost:DashboardApiKey={apiKey}",
            ]);
        }
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.YeKuo_AppHost>([.. args],
            (application, _) => application.DisableDashboard = !options.Dashboard, cancellationToken);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var resource = builder.CreateResourceBuilder(project);
            if (!options.Dashboard)
            {
                // Nothing receives OTLP without the dashboard: export nothing rather than retry into the void.
                resource.WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
            }
            foreach (var (key, value) in options.Environment.GetValueOrDefault(project.Name) ?? new Dictionary<string, string>())
            {
                resource.WithEnvironment(key, value);
            }
        }
        var unknown = options.Environment.Keys.Except(builder.Resources.OfType<ProjectResource>().Select(p => p.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"No project resource named {string.Join(", ", unknown)} in the graph.");
        }

        options.Configure?.Invoke(builder);
        var running = builder.Resources.Select(r => r.Name).ToHashSet();
        var app = await builder.BuildAsync(cancellationToken);
        DashboardTelemetry? telemetry = null;
        if (options.Dashboard)
        {
            var dashboardUrl = builder.Configuration["ASPNETCORE_URLS"]!;
            telemetry = new DashboardTelemetry(new Uri(dashboardUrl), apiKey!);
        }
        var system = new YeKuoSystem(options, stateDirectory, app, telemetry);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await app.StartAsync(timeout.Token);
            // After the start: only then does each resource know its DCP instances, whose output the watch follows.
            system.WatchLogs();
            foreach (var name in HealthCheckedResources.Where(running.Contains))
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }
            if (telemetry is not null)
            {
                await telemetry.WaitUntilServingAsync(timeout.Token);
            }
        }
        catch (Exception e)
        {
            if (system._logWatchers.Count == 0)
            {
                system.WatchLogs();
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            var logs = system.FormatLogs(40);
            await system.DisposeAsync();
            throw new InvalidOperationException($"The system did not become healthy within {options.StartTimeout}: {e.Message}\n{logs}", e);
        }
        system.StartupSeconds = clock.Elapsed.TotalSeconds;
        return system;
    }

    public Uri GetEndpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    public async Task<string> GetConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    /// <summary>The resource's process and whatever it started; empty when not running.</summary>
    public IReadOnlyList<int> GetProcessIds(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.State?.Text == KnownResourceStates.Running
        && state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), out var root)
            ? ProcessTree.Of(root)
            : [];

    /// <summary>SIGKILL to the resource's processes (a crash, not a stop); returns once Aspire has seen it end.</summary>
    public async Task KillAsync(string resource, CancellationToken cancellationToken = default)
    {
        var pids = GetProcessIds(resource);
        if (pids.Count == 0)
        {
            throw new InvalidOperationException($"{resource} is not running.");
        }
        // Children first, so a child dies before the parent that waits for it can report a clean exit.
        ProcessTree.Kill(pids.Reverse());
        await WaitForStoppedAsync(resource, cancellationToken);
    }

    /// <summary>Graceful stop through Aspire's own "stop" command (what the dashboard's button does).</summary>
    public async Task StopResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        await ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);
        await WaitForStoppedAsync(resource, cancellationToken);
    }

    /// <summary>Starts a stopped or crashed resource again (same ports, same data); returns once it is healthy.</summary>
    public async Task StartResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        await ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    public async Task RestartResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(resource, cancellationToken);
        await StartResourceAsync(resource, cancellationToken);
    }

    private async Task ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var target = model.Resources.Single(r => r.Name == resource);
        var result = await App.ResourceCommands.ExecuteCommandAsync(target, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on {resource} failed: {result.Message}");
        }
    }

    private async Task WaitForStoppedAsync(string resource, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is { } s && s != KnownResourceStates.Running && s != KnownResourceStates.Starting && s != KnownResourceStates.Stopping,
            timeout.Token);
    }

    /// <summary>The last output lines of one resource.</summary>
    public IReadOnlyList<string> GetLogs(string resource) => _logs.TryGetValue(resource, out var lines) ? [.. lines] : [];

    /// <summary>The last lines of every resource, "[name] text", for a failing test's message.</summary>
    public string FormatLogs(int linesPerResource = 60)
    {
        var text = new StringBuilder();
        foreach (var (name, lines) in _logs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var line in lines.Skip(Math.Max(0, lines.Count - linesPerResource)))
            {
                text.Append('[').Append(name).Append("] ").AppendLine(line);
            }
        }
        return text.ToString();
    }

    /// <summary>Follows every resource's output (all its replicas and restarts: the resource overload, not a DCP name).</summary>
    private void WatchLogs()
    {
        var logger = App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            var name = resource.Name;
            var lines = _logs.GetOrAdd(name, _ => new ConcurrentQueue<string>());
            _logWatchers.Add(Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logger.WatchAsync(resource).WithCancellation(_stopping.Token))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue(line.Content);
                            _options.LogSink?.Invoke(name, line.Content);
                            while (lines.Count > LinesKept && lines.TryDequeue(out _)) { }
                        }
                    }
                }
                catch (OperationCanceledException) { }
            }));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
            await _stopping.CancelAsync();
            await Task.WhenAll(_logWatchers);
            _stopping.Dispose();
            Telemetry?.Dispose();
            if (_options.StateDirectory is null && !_options.KeepState)
            {
                try { Directory.Delete(StateDirectory, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
