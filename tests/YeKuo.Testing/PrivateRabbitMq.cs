using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace YeKuo.Testing;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server) on 127.0.0.1 only: its own folder, free AMQP and distribution ports
/// and its own epmd port, so it touches no other node on the machine; stopped (with its epmd) on dispose. Its port is
/// chosen at construction, so a test can point a service at it before the node runs (<c>start: false</c>, then
/// <see cref="Start"/>).
/// </summary>
public sealed class PrivateRabbitMq : IDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin";

    private readonly string _directory = Directory.CreateTempSubdirectory("yekuo-rabbit-").FullName;
    private Process? _server;

    public PrivateRabbitMq(bool start = true)
    {
        Node = $"yekuo-test-{Guid.NewGuid():N}"[..20] + "@localhost";
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[].\n");
        ChoosePorts();
        if (start)
        {
            // A free port can be taken between choosing it and the node binding it (another test's connection): nobody
            // knows this node's ports yet, so choose others and start again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Start();
                    break;
                }
                catch (InvalidOperationException failed) when (attempt < 3 && failed.Message.Contains("eaddrinuse", StringComparison.Ordinal))
                {
                    Stop();
                    ChoosePorts();
                }
                catch
                {
                    // A constructor that throws is never disposed: leave no node, epmd or folder behind.
                    Dispose();
                    throw;
                }
            }
        }
    }

    /// <summary>Free loopback ports for AMQP, distribution and epmd, and the node's configuration and environment with them.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Environment))]
    private void ChoosePorts()
    {
        var (amqp, distribution, epmd) = (FreePort(), FreePort(), FreePort());
        Port = amqp.Port;
        int distributionPort = distribution.Port, epmdPort = epmd.Port;
        amqp.Probe.Dispose();
        distribution.Probe.Dispose();
        epmd.Probe.Dispose();
        // On loopback only: a bare port would make the listener bind every interface (epmd too, without its address).
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{Port}\n");
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = _directory,
            ["RABBITMQ_NODENAME"] = Node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port.ToString(),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // The distribution listener too (rabbitmqctl reaches the node over it).
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(_directory, "rabbit.pid"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
        };
    }

    /// <summary>Starts the node and waits until it accepts connections (at most 60 s).</summary>
    public void Start()
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The node is already started.");
        }
        _server = StartProcess(Path.Combine(Bin, "rabbitmq-server"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Ctl("await_startup", "--timeout", "5").ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline || _server.HasExited)
            {
                throw new InvalidOperationException($"RabbitMQ did not start: {File.ReadAllText(Path.Combine(_directory, "server.log"))}");
            }
            Thread.Sleep(500);
        }
    }

    public int Port { get; private set; }

    public string Node { get; }

    /// <summary>The variables under which rabbitmqctl (and scripts calling it) reach this node.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; }

    /// <summary>Runs rabbitmqctl against this node.</summary>
    public (int ExitCode, string Output) Ctl(params string[] arguments)
    {
        using var process = StartProcess(Path.Combine(Bin, "rabbitmqctl"), ["-n", Node, .. arguments], captureOutput: true);
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>Runs <paramref name="script"/> with this node's environment; returns its exit code and output.</summary>
    public (int ExitCode, string Output) Run(string script, params string[] arguments)
    {
        using var process = StartProcess("/bin/bash", [script, .. arguments], captureOutput: true);
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>The node's log lines about refused operations (access_refused), for a failing test's message.</summary>
    public string Refusals()
    {
        var logs = Directory.Exists(Environment["RABBITMQ_LOG_BASE"]) ? Directory.GetFiles(Environment["RABBITMQ_LOG_BASE"], "*.log") : [];
        var lines = logs.SelectMany(File.ReadLines).Where(l => l.Contains("access_refused", StringComparison.OrdinalIgnoreCase) || l.Contains("ACCESS_REFUSED", StringComparison.Ordinal));
        return string.Join("\n", lines.TakeLast(10));
    }

    private Process StartProcess(string file, IEnumerable<string>? arguments = null, bool captureOutput = false)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments ?? [])
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in Environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        if (!captureOutput)
        {
            var log = new StreamWriter(Path.Combine(_directory, "server.log")) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Stops the node, if started, and the epmd it started on its own port.</summary>
    private void Stop()
    {
        if (_server is not null)
        {
            Ctl("stop", Environment["RABBITMQ_PID_FILE"]);
            if (!_server.WaitForExit(15_000))
            {
                _server.Kill(entireProcessTree: true);
            }
            _server.Dispose();
            _server = null;
        }
        using (var epmd = Process.Start(new ProcessStartInfo("/usr/bin/epmd", ["-port", Environment["ERL_EPMD_PORT"], "-kill"]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true }))
        {
            epmd?.WaitForExit(5_000);
        }
    }

    /// <summary>A free loopback port, held by its probe until disposed, so that ports chosen together differ.</summary>
    private static (TcpListener Probe, int Port) FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return (probe, ((IPEndPoint)probe.LocalEndpoint).Port);
    }
}
