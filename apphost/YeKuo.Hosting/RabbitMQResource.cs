using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace YeKuo.Hosting;

/// <summary>A private RabbitMQ node run from Debian's rabbitmq-server, with every file under <c>&lt;state&gt;/&lt;name&gt;/</c>
/// and its own epmd port, so it never touches a system node. Data (durable queues, persistent messages) survives a
/// restart of the resource and of the AppHost on the same state directory.</summary>
public sealed class RabbitMQResource : ProcessResource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    public const string RabbitBin = "/usr/lib/rabbitmq/bin";

    internal RabbitMQResource(string name) : base(name) { }

    public override string TypeName => "RabbitMQ";
    public string UserName { get; } = "guest";
    public string Password { get; } = "guest";
    public int AmqpPort { get; private set; }
    public int DistributionPort { get; private set; }
    public int EpmdPort { get; private set; }
    public int? ManagementPort { get; private set; }
    internal bool ManagementEnabled { get; set; }

    /// <summary>Erlang node name (<c>yekuo-&lt;name&gt;-&lt;hash of state dir&gt;@localhost</c>).</summary>
    public string NodeName { get; private set; } = "";
    public string DataDirectory { get; private set; } = "";

    public string? ConnectionString => AmqpPort == 0 ? null : $"amqp://{UserName}:{Password}@127.0.0.1:{AmqpPort}/";
    public override string? DisplayUrl => ManagementPort is { } m ? $"{ConnectionString} (management http://127.0.0.1:{m}/)" : ConnectionString;
    private string PidFile => Path.Combine(DataDirectory, "rabbitmq.pid");

    internal override Uri? GetEndpoint(string? endpointName) => endpointName switch
    {
        "management" when ManagementPort is { } m => new Uri($"http://127.0.0.1:{m}/"),
        null or "tcp" or "amqp" when AmqpPort != 0 => new Uri($"tcp://127.0.0.1:{AmqpPort}"),
        _ => null,
    };

    internal override void Prepare(OrchestrationContext context)
    {
        if (AmqpPort != 0) return;
        AmqpPort = context.AllocatePort();
        // The CLI tools pick their own distribution ports at DIST_PORT + 10000..10010: keep that range valid.
        DistributionPort = context.AllocatePort(below: 55000);
        EpmdPort = context.AllocatePort();
        if (ManagementEnabled) ManagementPort = context.AllocatePort();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.StateDirectory)))[..8];
        NodeName = $"yekuo-{Name}-{hash}@localhost";
        DataDirectory = Path.Combine(context.StateDirectory, Name);
    }

    private Dictionary<string, string?> NodeEnvironment(OrchestrationContext context)
    {
        var env = context.BaseEnvironment();
        var home = Path.Combine(DataDirectory, "home");
        env["HOME"] = home;
        env["RABBITMQ_NODENAME"] = NodeName;
        env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["ERL_EPMD_PORT"] = EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia");
        env["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "log");
        env["RABBITMQ_LOGS"] = "-";
        env["RABBITMQ_PID_FILE"] = PidFile;
        env["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(DataDirectory, "rabbitmq-env.conf");
        env["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataDirectory, "rabbitmq.conf");
        env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(DataDirectory, "advanced.config");
        env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins");
        env["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(DataDirectory, "plugins-expand");
        return env;
    }

    private void WriteFiles()
    {
        Directory.CreateDirectory(Path.Combine(DataDirectory, "home"));
        Directory.CreateDirectory(Path.Combine(DataDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(DataDirectory, "log"));
        File.WriteAllText(Path.Combine(DataDirectory, "rabbitmq-env.conf"), "# written by YeKuo.Hosting\n");
        var conf = new StringBuilder()
            .AppendLine("# written by YeKuo.Hosting: private development node")
            .AppendLine("loopback_users = none")
            .AppendLine("disk_free_limit.absolute = 50MB")
            .AppendLine("log.console = true")
            .AppendLine("log.console.level = warning")
            .AppendLine("log.file = false");
        if (ManagementPort is { } m)
            conf.AppendLine($"management.tcp.port = {m}").AppendLine("management.tcp.ip = 127.0.0.1");
        File.WriteAllText(Path.Combine(DataDirectory, "rabbitmq.conf"), conf.ToString());
        File.WriteAllText(Path.Combine(DataDirectory, "enabled_plugins"), ManagementPort is null ? "[].\n" : "[rabbitmq_management].\n");
    }

    internal override async Task StartAsync(OrchestrationContext context, CancellationToken ct)
    {
        var server = Path.Combine(RabbitBin, "rabbitmq-server");
        if (!File.Exists(server))
            throw new DistributedApplicationException($"{server} not found: install rabbitmq-server (eng/install-prereqs.sh).");
        WriteFiles();
        StartProcess(context, server, [], DataDirectory, NodeEnvironment(context));
        await WaitUntilAsync(c => OrchestrationContext.CanConnectAsync(AmqpPort, c), context.Options.InfrastructureStartupTimeout,
            $"AMQP port {AmqpPort}", ct).ConfigureAwait(false);
        if (ManagementPort is { } m)
            await WaitUntilAsync(c => OrchestrationContext.CanConnectAsync(m, c), context.Options.InfrastructureStartupTimeout,
                $"management port {m}", ct).ConfigureAwait(false);
    }

    internal override async Task StopAsync(OrchestrationContext context)
    {
        if (Process is { HasExited: false })
        {
            Process.StopRequested = true;
            var code = await RunCtlAsync(context, ["-n", NodeName, "stop", PidFile], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (code != 0) context.Info($"rabbitmqctl stop for {Name} exited with {code}; terminating the node.");
        }
        await StopProcessAsync(context, kill: false).ConfigureAwait(false);
        await StopEpmdAsync(context).ConfigureAwait(false);
    }

    internal override async Task KillAsync(OrchestrationContext context)
    {
        await base.KillAsync(context).ConfigureAwait(false);
        await StopEpmdAsync(context).ConfigureAwait(false);
    }

    internal override IEnumerable<int> LivePids() => base.LivePids().Concat(EpmdPids()).Distinct();

    private IEnumerable<int> EpmdPids() => DataDirectory.Length == 0
        ? []
        : OrchestratorProcesses.FindByStateDirectory(Path.GetDirectoryName(DataDirectory)!)
            .Where(p => OrchestratorProcesses.GetCommandName(p) == "epmd" && ReadEnvironment(p).Contains($"ERL_EPMD_PORT={EpmdPort}"));

    private static string ReadEnvironment(int pid)
    {
        try { return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/environ")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    /// <summary>The node leaves an <c>epmd -daemon</c> on its private port: stop it, it is ours alone.</summary>
    private async Task StopEpmdAsync(OrchestrationContext context)
    {
        var pids = EpmdPids().ToList();
        if (pids.Count == 0) return;
        foreach (var pid in pids) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGTERM);
        if (!await OrchestratorProcesses.WaitForExitAsync(pids, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
            foreach (var pid in pids) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGKILL);
        await OrchestratorProcesses.WaitForExitAsync(pids, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        context.NotifyProcessesChanged();
    }

    private async Task<int> RunCtlAsync(OrchestrationContext context, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Path.Combine(RabbitBin, "rabbitmqctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in NodeEnvironment(context))
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        using var process = System.Diagnostics.Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return -1;
        }
        foreach (var line in ((await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false))).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            context.Log(Name, "rabbitmqctl: " + line);
        return process.ExitCode;
    }
}
