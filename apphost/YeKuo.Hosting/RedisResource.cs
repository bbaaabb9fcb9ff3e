using System.Net;
using System.Net.Sockets;
using System.Text;

namespace YeKuo.Hosting;

/// <summary>redis-server as a foreground child on a free loopback port, working folder <c>&lt;state&gt;/&lt;name&gt;/</c>.
/// No persistence unless <see cref="ResourceBuilderExtensions.WithPersistence"/> is used.</summary>
public sealed class RedisResource : ProcessResource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    internal RedisResource(string name) : base(name) { }

    public override string TypeName => "Redis";
    public int Port { get; private set; }
    internal bool Persistent { get; set; }
    public string DataDirectory { get; private set; } = "";
    public string? ConnectionString => Port == 0 ? null : $"127.0.0.1:{Port}";
    public override string? DisplayUrl => ConnectionString;

    internal override Uri? GetEndpoint(string? endpointName) => Port == 0 ? null : new Uri($"tcp://127.0.0.1:{Port}");

    internal override void Prepare(OrchestrationContext context)
    {
        if (Port != 0) return;
        Port = context.AllocatePort();
        DataDirectory = Path.Combine(context.StateDirectory, Name);
    }

    internal override async Task StartAsync(OrchestrationContext context, CancellationToken ct)
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new DistributedApplicationException("redis-server not found: install redis-server (eng/install-prereqs.sh).");
        Directory.CreateDirectory(DataDirectory);
        List<string> args =
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--daemonize", "no", "--dir", DataDirectory, "--logfile", "",
            // Keep argv/environ intact: a rewritten process title would erase the state-directory marker in /proc/<pid>/environ.
            "--set-proc-title", "no",
        ];
        args.AddRange(Persistent ? ["--appendonly", "yes", "--save", "60 1"] : ["--appendonly", "no", "--save", ""]);
        StartProcess(context, server, args, DataDirectory, context.BaseEnvironment());
        await WaitUntilAsync(PingAsync, context.Options.InfrastructureStartupTimeout, $"PING on port {Port}", ct).ConfigureAwait(false);
    }

    private async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    internal override async Task StopAsync(OrchestrationContext context)
    {
        await StopProcessAsync(context, kill: false).ConfigureAwait(false);
    }
}

/// <summary>A SQLite database file: no process, only a connection string <c>Data Source=&lt;state&gt;/&lt;file&gt;</c>.</summary>
public sealed class SqliteResource : Resource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    internal SqliteResource(string name, string? fileName) : base(name)
    {
        FileName = fileName ?? (name.EndsWith("db", StringComparison.OrdinalIgnoreCase) && name.Length > 2 ? name[..^2] : name) + ".db";
    }

    public override string TypeName => "SQLite";
    public string FileName { get; }
    public string? DatabasePath { get; private set; }
    public string? ConnectionString => DatabasePath is null ? null : $"Data Source={DatabasePath}";
    public override string? DisplayUrl => ConnectionString;

    internal override void Prepare(OrchestrationContext context) => DatabasePath = Path.Combine(context.StateDirectory, FileName);

    internal override Task StartAsync(OrchestrationContext context, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        return Task.CompletedTask;
    }

    internal override Task StopAsync(OrchestrationContext context) => Task.CompletedTask;
}
