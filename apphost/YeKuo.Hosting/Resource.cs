namespace YeKuo.Hosting;

/// <summary>Base of every resource. The runtime members are internal: resources are declared through the builder.</summary>
public abstract class Resource : IResource
{
    private protected Resource(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"Resource name '{name}' must be ASCII letters, digits, '-' or '_'.", nameof(name));
        Name = name;
    }

    public string Name { get; }

    /// <summary>Short type name for the resource table.</summary>
    public abstract string TypeName { get; }

    public ResourceState State { get; internal set; } = ResourceState.NotStarted;

    /// <summary>Pid of the process the orchestrator started (null for resources without one).</summary>
    public virtual int? ProcessId => null;

    public virtual int? ExitCode => null;

    /// <summary>What the table shows in its URL column.</summary>
    public virtual string? DisplayUrl => null;

    internal List<IResource> WaitForDependencies { get; } = [];
    internal List<IResource> References { get; } = [];

    /// <summary>Ports and folders are fixed here, before anything starts, so every connection string is known up front.</summary>
    internal virtual void Prepare(OrchestrationContext context) { }

    /// <summary>Starts the resource and returns once it is ready.</summary>
    internal abstract Task StartAsync(OrchestrationContext context, CancellationToken ct);

    /// <summary>Graceful stop.</summary>
    internal abstract Task StopAsync(OrchestrationContext context);

    /// <summary>SIGKILL (resources without a process just stop).</summary>
    internal virtual Task KillAsync(OrchestrationContext context) => StopAsync(context);

    /// <summary>Pids this resource is responsible for right now.</summary>
    internal virtual IEnumerable<int> LivePids() => [];

    internal virtual Uri? GetEndpoint(string? endpointName) => null;

    internal ResourceSnapshot Snapshot() => new(Name, TypeName, State, DisplayUrl, ProcessId, ExitCode);
}

/// <summary>A resource backed by one child process (with its process group).</summary>
public abstract class ProcessResource : Resource
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _recent = new();
    private ManagedProcess? _process;

    private protected ProcessResource(string name) : base(name) { }

    public override int? ProcessId => _process?.Pid;
    public override int? ExitCode => _process?.ExitCode;
    internal ManagedProcess? Process => _process;

    internal override IEnumerable<int> LivePids() => _process is null ? [] : _process.GroupMembers();

    private protected void StartProcess(OrchestrationContext context, string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        lock (_recent) _recent.Clear();
        var process = ManagedProcess.Start(fileName, args, workingDirectory, environment, (line, isError) =>
        {
            lock (_recent)
            {
                _recent.Enqueue(line);
                while (_recent.Count > 40) _recent.Dequeue();
            }
            context.Log(Name, line, isError);
        });
        lock (_gate) _process = process;
        context.NotifyProcessesChanged();
        _ = process.Exited.ContinueWith(t =>
        {
            if (process.StopRequested || !ReferenceEquals(_process, process)) return;
            context.Info($"{Name} exited unexpectedly with code {t.Result} (pid {process.Pid}).");
            if (State is ResourceState.Running) State = ResourceState.Exited;
            context.NotifyProcessesChanged();
        }, TaskScheduler.Default);
    }

    private protected string RecentOutput()
    {
        lock (_recent) return _recent.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _recent);
    }

    /// <summary>Fails with the last output lines when the process already exited.</summary>
    private protected void ThrowIfExited()
    {
        if (_process is { HasExited: true } p)
            throw new DistributedApplicationException(
                $"Resource '{Name}' exited with code {p.ExitCode} before it was ready. Last output:{Environment.NewLine}{RecentOutput()}");
    }

    private protected async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            ThrowIfExited();
            if (await ready(ct).ConfigureAwait(false)) return;
            ThrowIfExited();
            if (DateTime.UtcNow > deadline)
                throw new DistributedApplicationException(
                    $"Resource '{Name}' was not ready ({what}) within {timeout.TotalSeconds:0} s. Last output:{Environment.NewLine}{RecentOutput()}");
            await Task.Delay(250, ct).ConfigureAwait(false);
        }
    }

    private protected async Task StopProcessAsync(OrchestrationContext context, bool kill)
    {
        var process = _process;
        if (process is null) return;
        process.StopRequested = true;
        if (kill) await process.KillAsync().ConfigureAwait(false);
        else await process.StopAsync(context.Options.StopTimeout).ConfigureAwait(false);
        context.NotifyProcessesChanged();
    }

    internal override async Task KillAsync(OrchestrationContext context)
    {
        State = ResourceState.Stopping;
        await StopProcessAsync(context, kill: true).ConfigureAwait(false);
        State = ResourceState.Exited;
    }
}
