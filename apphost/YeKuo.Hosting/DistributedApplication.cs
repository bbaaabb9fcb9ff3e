using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace YeKuo.Hosting;

/// <summary>The running graph (Aspire's <c>DistributedApplication</c>): start, stop, resource table, and control for tests.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly List<Resource> _resources;
    private readonly OrchestrationContext _context;
    private readonly LogBuffer _logs;
    private readonly IResourceLogSink _sink;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Lock _pidFileLock = new();
    private FileStream? _lock;
    private bool _started;
    private bool _stopped;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(new DistributedApplicationOptions { Args = args }, Assembly.GetCallingAssembly());

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new(options, Assembly.GetCallingAssembly());

    internal DistributedApplication(DistributedApplicationOptions options, string repositoryRoot, string stateDirectory, string configuration,
        List<Resource> resources)
    {
        _resources = resources;
        _sink = options.LogSink ?? ResourceLogSinks.Console;
        _logs = new LogBuffer(options.LogLinesPerResource);
        _context = new OrchestrationContext(options, repositoryRoot, stateDirectory, configuration, line =>
        {
            _logs.Add(line);
            _sink.Write(line);
        });
        _context.ProcessesChanged += WritePidFile;
        foreach (var resource in _resources) resource.Prepare(_context);
    }

    public string StateDirectory => _context.StateDirectory;
    public string RepositoryRoot => _context.RepositoryRoot;

    /// <summary>Build configuration whose outputs project resources run (Debug/Release).</summary>
    public string Configuration => _context.Configuration;

    public IReadOnlyList<IResource> Resources => _resources;

    /// <summary>Path of the file listing "pid resource" of every live child (rewritten on every change).</summary>
    public string PidFilePath => Path.Combine(StateDirectory, "pids");

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    /// <summary>Starts every resource once what it waits for is Running; returns when all are Running.
    /// On failure throws <see cref="DistributedApplicationException"/> (with the failing child's last lines); call
    /// <see cref="StopAsync"/> or dispose to stop what did start.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started) throw new InvalidOperationException("The application was already started.");
            _started = true;
            Directory.CreateDirectory(StateDirectory);
            AcquireStateLock();
            await CleanStaleProcessesAsync().ConfigureAwait(false);
            _context.Info($"State directory {StateDirectory}, configuration {Configuration}, environment {_context.EnvironmentName}.");

            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tasks = new Dictionary<Resource, Task>();
            foreach (var resource in _resources)
            {
                var deps = resource.WaitForDependencies.OfType<Resource>().Where(tasks.ContainsKey).Select(d => tasks[d]).ToList();
                tasks[resource] = StartOneAsync(resource, deps, failed);
            }

            try
            {
                await Task.WhenAll(tasks.Values).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                var errors = tasks.Values.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
                var first = errors.OfType<DistributedApplicationException>().FirstOrDefault() ?? errors.FirstOrDefault();
                if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                throw;
            }
            if (_context.Options.PrintResourceTable) PrintResourceTable();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StartOneAsync(Resource resource, List<Task> dependencies, CancellationTokenSource failed)
    {
        await Task.Yield();
        if (dependencies.Count > 0)
        {
            resource.State = ResourceState.Waiting;
            try
            {
                await Task.WhenAll(dependencies).ConfigureAwait(false);
            }
            catch (Exception) when (!failed.IsCancellationRequested)
            {
                resource.State = ResourceState.NotStarted;
                throw new OperationCanceledException($"{resource.Name}: a dependency failed.");
            }
            catch (Exception)
            {
                resource.State = ResourceState.NotStarted;
                throw new OperationCanceledException($"{resource.Name}: start cancelled.");
            }
        }
        failed.Token.ThrowIfCancellationRequested();
        resource.State = ResourceState.Starting;
        _context.Info($"Starting {resource.Name} ({resource.TypeName})...");
        var started = DateTime.UtcNow;
        try
        {
            await resource.StartAsync(_context, failed.Token).ConfigureAwait(false);
            resource.State = ResourceState.Running;
            _context.NotifyProcessesChanged();
            _context.Info(string.Create(CultureInfo.InvariantCulture,
                $"{resource.Name} is running{(resource.ProcessId is { } pid ? $" (pid {pid})" : "")} after {(DateTime.UtcNow - started).TotalSeconds:0.0} s{(resource.DisplayUrl is { } url ? ": " + url : "")}"));
        }
        catch (Exception e)
        {
            resource.State = ResourceState.FailedToStart;
            if (e is not OperationCanceledException) _context.Log("apphost", $"{resource.Name} failed to start: {e.Message}", isError: true);
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops everything: projects first (dependents before what they depend on), then infrastructure in reverse
    /// declaration order; SIGTERM, up to <see cref="DistributedApplicationOptions.StopTimeout"/>, then SIGKILL. Finally kills
    /// anything still carrying this state directory's marker. Idempotent.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_started || _stopped) return;
            _stopped = true;
            if (_context.Options.PrintResourceTable) PrintResourceTable();
            _context.Info("Stopping...");
            foreach (var level in StopLevels())
            {
                await Task.WhenAll(level.Select(StopOneAsync)).ConfigureAwait(false);
            }

            var leftovers = OrchestratorProcesses.FindByStateDirectory(StateDirectory);
            if (leftovers.Count > 0)
            {
                _context.Info($"Killing leftover processes: {string.Join(", ", leftovers.Select(Describe))}");
                foreach (var pid in leftovers) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGKILL);
                await OrchestratorProcesses.WaitForExitAsync(leftovers, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            WritePidFile();
            _context.Info("Stopped.");
        }
        finally
        {
            ReleaseStateLock();
            _lifecycle.Release();
        }
    }

    private async Task StopOneAsync(Resource resource)
    {
        if (resource.State is ResourceState.NotStarted or ResourceState.Stopped) return;
        resource.State = ResourceState.Stopping;
        try
        {
            await resource.StopAsync(_context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _context.Log("apphost", $"Stopping {resource.Name} failed: {e.Message}; killing it.", isError: true);
            await resource.KillAsync(_context).ConfigureAwait(false);
        }
        resource.State = ResourceState.Stopped;
        _context.Info($"{resource.Name} stopped{(resource.ExitCode is { } code ? $" (exit code {code})" : "")}.");
    }

    /// <summary>Projects grouped by depth (deepest dependents first, each group in parallel), then other resources one by one
    /// in reverse declaration order (cache before messaging).</summary>
    private IEnumerable<IReadOnlyList<Resource>> StopLevels()
    {
        var projects = _resources.OfType<ProjectResource>().ToList();
        var depth = new Dictionary<Resource, int>();
        int Depth(Resource r) => depth.TryGetValue(r, out var d)
            ? d
            : depth[r] = 1 + r.WaitForDependencies.Concat(r.References).OfType<ProjectResource>().Where(projects.Contains).Select(Depth).DefaultIfEmpty(0).Max();
        foreach (var group in projects.GroupBy(Depth).OrderByDescending(g => g.Key)) yield return group.Reverse().ToList<Resource>();
        foreach (var other in _resources.Where(r => r is not ProjectResource).Reverse()) yield return [other];
    }

    /// <summary>Starts, waits for Ctrl+C (SIGINT) or SIGTERM, stops everything. SIGUSR1 or Enter prints the resource table.
    /// Sets the process exit code to 1 when a resource failed to start, else leaves it 0.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext ctx)
        {
            ctx.Cancel = true;
            if (shutdown.IsCancellationRequested) return;
            _context.Info($"{ctx.Signal} received: stopping.");
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigusr1 = PosixSignalRegistration.Create((PosixSignal)10, ctx =>
        {
            ctx.Cancel = true;
            PrintResourceTable();
        });
        if (IsSigIntIgnored())
            _context.Info("SIGINT is ignored in this process (started as a background job?): Ctrl+C cannot stop it, send SIGTERM instead.");
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);
            _context.Info("Application started. Press Ctrl+C to stop" + (Console.IsInputRedirected ? "." : ", Enter to print the resource table."));
            if (!Console.IsInputRedirected) StartTableOnEnter(shutdown.Token);
            await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl+C / SIGTERM: normal shutdown.
        }
        catch (DistributedApplicationException e)
        {
            _context.Log("apphost", "Start failed: " + e.Message, isError: true);
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>.NET never handles a SIGINT that was ignored when the process started (non-interactive shells ignore it for
    /// background jobs); starting through <c>env --default-signal=INT</c> avoids that.</summary>
    private static bool IsSigIntIgnored()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (ulong.Parse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2UL) != 0;
        }
        catch (Exception e) when (e is IOException or FormatException) { return false; }
    }

    private void StartTableOnEnter(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                string? line;
                try { line = Console.ReadLine(); }
                catch (IOException) { return; }
                if (line is null) return;
                PrintResourceTable();
            }
        }) { IsBackground = true, Name = "resource-table-on-enter" };
        thread.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _context.Http.Dispose();
        _lifecycle.Dispose();
    }

    // ---- control for tests -----------------------------------------------------------------------------------------

    public IResource GetResource(string name) => Find(name);

    /// <summary>The HTTP endpoint of a project (or tcp://host:port of RabbitMQ/Redis; "management" for RabbitMQ's UI).</summary>
    public Uri GetEndpoint(string resourceName, string? endpointName = null) =>
        Find(resourceName).GetEndpoint(endpointName) ?? throw new DistributedApplicationException($"Resource '{resourceName}' has no endpoint '{endpointName ?? "http"}'.");

    public string GetConnectionString(string resourceName) =>
        (Find(resourceName) as IResourceWithConnectionString)?.ConnectionString
        ?? throw new DistributedApplicationException($"Resource '{resourceName}' has no connection string.");

    /// <summary>SIGKILL to the resource's process group (RabbitMQ: and its epmd). State becomes Exited.</summary>
    public async Task KillAsync(string resourceName)
    {
        var resource = Find(resourceName);
        _context.Info($"Killing {resourceName} (SIGKILL).");
        await resource.KillAsync(_context).ConfigureAwait(false);
    }

    /// <summary>Graceful stop of one resource (SIGTERM, or rabbitmqctl stop). State becomes Stopped.</summary>
    public async Task StopResourceAsync(string resourceName)
    {
        var resource = Find(resourceName);
        _context.Info($"Stopping {resourceName}.");
        await StopOneAsync(resource).ConfigureAwait(false);
    }

    /// <summary>Starts a stopped/killed resource again with the same ports, environment and data; returns when it is Running.</summary>
    public async Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var resource = Find(resourceName);
        if (resource.State is ResourceState.Running or ResourceState.Starting)
            throw new InvalidOperationException($"Resource '{resourceName}' is {resource.State}.");
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await StartOneAsync(resource, [], failed).ConfigureAwait(false);
    }

    /// <summary>Stop then start (same ports and data directory: durable RabbitMQ queues and persistent messages survive).</summary>
    public async Task RestartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(resourceName).ConfigureAwait(false);
        await StartResourceAsync(resourceName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pids the resource is responsible for right now (its process group; RabbitMQ adds its epmd).</summary>
    public IReadOnlyList<int> GetProcessIds(string resourceName) => Find(resourceName).LivePids().ToList();

    /// <summary>Every live process started by this application (found by the state directory marker).</summary>
    public IReadOnlyList<int> GetAllProcessIds() => OrchestratorProcesses.FindByStateDirectory(StateDirectory);

    public IReadOnlyList<ResourceSnapshot> GetResourceSnapshots() => _resources.Select(r => r.Snapshot()).ToList();

    /// <summary>Last output lines of one resource ("apphost" for the orchestrator's own messages).</summary>
    public IReadOnlyList<string> GetLogs(string resourceName) => _logs.Get(resourceName).Select(l => l.Text).ToList();

    /// <summary>The last lines of every resource, "[name] text", for a failing test's output.</summary>
    public string FormatLogs(int linesPerResource = 60)
    {
        var sb = new StringBuilder();
        foreach (var name in new[] { "apphost" }.Concat(_resources.Select(r => r.Name)))
        {
            var lines = _logs.Get(name);
            foreach (var line in lines.Skip(Math.Max(0, lines.Count - linesPerResource))) sb.AppendLine(line.ToString());
        }
        return sb.ToString();
    }

    public string FormatResourceTable()
    {
        var rows = GetResourceSnapshots()
            .Select(s => new[] { s.Name, s.Type, s.State.ToString(), s.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-", s.Url ?? "-" })
            .Prepend(["NAME", "TYPE", "STATE", "PID", "URL"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length) + 2).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < 4; i++) sb.Append(row[i].PadRight(widths[i]));
            sb.AppendLine(row[4]);
        }
        return sb.ToString();
    }

    /// <summary>Writes the table to <paramref name="writer"/>, or as "apphost" lines to the log sink.</summary>
    public void PrintResourceTable(TextWriter? writer = null)
    {
        var table = FormatResourceTable();
        if (writer is not null)
        {
            writer.Write(table);
            return;
        }
        foreach (var line in table.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)) _context.Info(line);
    }

    private Resource Find(string name) =>
        _resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new DistributedApplicationException($"No resource named '{name}'. Known: {string.Join(", ", _resources.Select(r => r.Name))}.");

    // ---- state directory: lock, pid file, stale processes ----------------------------------------------------------

    private void AcquireStateLock()
    {
        var path = Path.Combine(StateDirectory, "apphost.lock");
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _lock.SetLength(0);
            var bytes = Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            _lock.Write(bytes);
            _lock.Flush();
        }
        catch (IOException)
        {
            string owner;
            try { owner = File.ReadAllText(path).Trim(); }
            catch (IOException) { owner = "?"; }
            throw new DistributedApplicationException($"Another AppHost (pid {owner}) is using the state directory {StateDirectory}.");
        }
    }

    private void ReleaseStateLock()
    {
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>A previous AppHost on this state directory that died without stopping its children left them running:
    /// they still carry the marker (pids file is informational), so terminate them before ports and files are reused.</summary>
    private async Task CleanStaleProcessesAsync()
    {
        var stale = OrchestratorProcesses.FindByStateDirectory(StateDirectory);
        if (stale.Count == 0) return;
        _context.Info($"Stopping {stale.Count} stale process(es) from a previous run: {string.Join(", ", stale.Select(Describe))}");
        foreach (var pid in stale) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGTERM);
        if (!await OrchestratorProcesses.WaitForExitAsync(stale, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            foreach (var pid in stale) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGKILL);
            await OrchestratorProcesses.WaitForExitAsync(stale, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
    }

    private static string Describe(int pid) => $"{pid} ({OrchestratorProcesses.GetCommandName(pid) ?? "?"})";

    private void WritePidFile()
    {
        lock (_pidFileLock)
        {
            try
            {
                var sb = new StringBuilder();
                foreach (var resource in _resources)
                    foreach (var pid in resource.LivePids())
                        sb.Append(CultureInfo.InvariantCulture, $"{pid} {resource.Name}\n");
                if (!Directory.Exists(StateDirectory)) return;
                var tmp = PidFilePath + ".tmp";
                File.WriteAllText(tmp, sb.ToString());
                File.Move(tmp, PidFilePath, overwrite: true);
            }
            catch (IOException) { /* informational only */ }
        }
    }
}
