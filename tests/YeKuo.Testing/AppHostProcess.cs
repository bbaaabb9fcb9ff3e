using System.Diagnostics;
using System.Text;

namespace YeKuo.Testing;

/// <summary>
/// The AppHost as <c>./run.sh</c> runs it: its own process (with the dashboard), on a given state directory, so tests and
/// <c>eng/apphost-cycles.sh</c>-style measurements can signal it and look for anything it left behind.
/// </summary>
public sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public int Pid => _process.Id;

    public string StateDirectory { get; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The <c>[yekuo] name: value</c> lines the AppHost printed once everything was healthy.</summary>
    public IReadOnlyDictionary<string, string> Addresses => Output.Split('\n')
        .Where(l => l.StartsWith("[yekuo] ", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal))
        .Select(l => l["[yekuo] ".Length..].Split(':', 2))
        .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim());

    public static AppHostProcess Start(string stateDirectory, int gatewayPort)
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "YeKuo.AppHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { appHost, $"--YeKuo:StateDirectory={stateDirectory}", $"--YeKuo:GatewayPort={gatewayPort}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{YeKuoSystem.FreePort()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{YeKuoSystem.FreePort()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{YeKuoSystem.FreePort()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var host = new AppHostProcess(process, stateDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("[yekuo] ready", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    /// <summary>Waits for the AppHost's "ready" line (every service healthy); fails with its output if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        if (done != _ready.Task)
        {
            throw new TimeoutException($"The AppHost was not ready {(done == exited ? "before it exited" : $"within {timeout}")}:\n{Output}");
        }
    }

    /// <summary>Sends a POSIX signal (TERM, INT, KILL) and waits for the AppHost to exit.</summary>
    public async Task SignalAndWaitAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Processes of this AppHost still alive: anything whose command line, environment or working directory names the state
    /// directory (services, RabbitMQ and its epmd, Redis), and DCP watching the AppHost's pid.
    /// </summary>
    public IReadOnlyList<string> Leftovers() => LeftoverProcesses.Find(StateDirectory, Pid);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}

/// <summary>Finds the processes an AppHost run left behind, by what they carry (see <see cref="AppHostProcess.Leftovers"/>).</summary>
public static class LeftoverProcesses
{
    public static IReadOnlyList<string> Find(string stateDirectory, int appHostPid)
    {
        var monitor = $"--monitor {appHostPid}";
        List<string> found = [];
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            var commandLine = Read($"{dir}/cmdline");
            var cwd = ReadLink($"{dir}/cwd");
            if (commandLine.Contains(stateDirectory, StringComparison.Ordinal) || commandLine.Contains(monitor, StringComparison.Ordinal)
                || cwd.StartsWith(stateDirectory, StringComparison.Ordinal) || Read($"{dir}/environ").Contains(stateDirectory, StringComparison.Ordinal))
            {
                found.Add($"{pid} {commandLine}");
            }
        }
        return found;
    }

    private static string Read(string path)
    {
        try { return File.ReadAllText(path).Replace('\0', ' ').Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static string ReadLink(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? ""; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
