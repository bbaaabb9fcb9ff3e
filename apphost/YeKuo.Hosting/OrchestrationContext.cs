using System.Net;
using System.Net.Sockets;

namespace YeKuo.Hosting;

/// <summary>What resources need from the running application: folders, ports, logging, pid bookkeeping.</summary>
internal sealed class OrchestrationContext
{
    private readonly HashSet<int> _ports = [];
    private readonly Action<ResourceLogLine> _log;

    public OrchestrationContext(DistributedApplicationOptions options, string repositoryRoot, string stateDirectory, string configuration,
        Action<ResourceLogLine> log)
    {
        Options = options;
        RepositoryRoot = repositoryRoot;
        StateDirectory = stateDirectory;
        Configuration = configuration;
        _log = log;
    }

    public DistributedApplicationOptions Options { get; }
    public string RepositoryRoot { get; }
    public string StateDirectory { get; }
    public string Configuration { get; }
    public string EnvironmentName => Options.EnvironmentName ?? "Development";
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Raised after a child started or stopped, so the pid file can be rewritten.</summary>
    public event Action? ProcessesChanged;

    public void NotifyProcessesChanged() => ProcessesChanged?.Invoke();

    public void Log(string resource, string text, bool isError = false) =>
        _log(new ResourceLogLine(resource, text, isError, DateTimeOffset.UtcNow));

    public void Info(string text) => Log("apphost", text);

    /// <summary>A free loopback port, never handed out twice by this application. <paramref name="below"/> keeps it under a bound.</summary>
    public int AllocatePort(int below = 65536)
    {
        lock (_ports)
        {
            var port = LoopbackPorts.Free(p => p < below && !_ports.Contains(p));
            _ports.Add(port);
            return port;
        }
    }

    public void ReservePort(int port)
    {
        lock (_ports) _ports.Add(port);
    }

    public static bool IsPortFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <summary>True once something accepts TCP connections on 127.0.0.1:port.</summary>
    public static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Environment every child gets: the marker, and none of the Aspire variables inherited from our own environment.</summary>
    public Dictionary<string, string?> BaseEnvironment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("services__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("OTEL_", StringComparison.Ordinal) ||
                key is "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT")
            {
                env[key] = null;
            }
        }
        env[OrchestratorProcesses.MarkerVariable] = StateDirectory;
        return env;
    }
}
