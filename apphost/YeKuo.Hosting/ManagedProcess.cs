using System.Diagnostics;

namespace YeKuo.Hosting;

/// <summary>A child process started in its own session/process group (through setsid) so that signals reach its whole tree
/// and a terminal's Ctrl+C reaches only the orchestrator, which then stops children in order.</summary>
internal sealed class ManagedProcess
{
    private const string SetSid = "/usr/bin/setsid";
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownGroup;

    private ManagedProcess(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
    }

    public int Pid { get; private set; }
    public volatile bool StopRequested;
    public bool HasExited => _exited.Task.IsCompleted;
    public int? ExitCode => _exited.Task.IsCompleted ? _exited.Task.Result : null;
    public Task<int> Exited => _exited.Task;

    public static ManagedProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, Action<string, bool> onLine)
    {
        var ownGroup = File.Exists(SetSid);
        var psi = new ProcessStartInfo(ownGroup ? SetSid : fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownGroup) psi.ArgumentList.Add(fileName);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, ownGroup);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        process.Exited += (_, _) => managed.MarkExited();
        if (!process.Start()) throw new DistributedApplicationException($"Could not start {fileName}.");
        managed.Pid = process.Id;
        process.StandardInput.Close(); // children get EOF on stdin, never the orchestrator's terminal
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = managed.PollExitAsync();
        return managed;
    }

    private void MarkExited()
    {
        int code;
        try { code = _process.ExitCode; }
        catch (InvalidOperationException) { code = -1; }
        _exited.TrySetResult(code);
    }

    private async Task PollExitAsync()
    {
        // Backstop for the Exited event: HasExited does not wait for the redirected streams to close
        // (a grandchild such as beam.smp may hold them open after the direct child died).
        while (!_exited.Task.IsCompleted)
        {
            await Task.Delay(200).ConfigureAwait(false);
            try
            {
                if (_process.HasExited) MarkExited();
            }
            catch (InvalidOperationException) { _exited.TrySetResult(-1); }
        }
    }

    /// <summary>Signals the whole group when the child leads its own, else the child only.</summary>
    public void Signal(int signal)
    {
        if (_ownGroup && OrchestratorProcesses.Signal(-Pid, signal)) return;
        if (!HasExited) OrchestratorProcesses.Signal(Pid, signal);
    }

    /// <summary>Live pids of the child's process group (the child and its descendants that kept the group).</summary>
    public IReadOnlyList<int> GroupMembers()
    {
        var members = new List<int>();
        if (!_ownGroup) return OrchestratorProcesses.IsAlive(Pid) ? [Pid] : [];
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && OrchestratorProcesses.GetProcessGroup(pid) == Pid && OrchestratorProcesses.IsAlive(pid))
                members.Add(pid);
        }
        return members;
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL; returns once the child and its group are gone.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Signal(OrchestratorProcesses.SIGTERM);
        if (await WaitGroupAsync(grace).ConfigureAwait(false)) return;
        await KillAsync().ConfigureAwait(false);
    }

    public async Task KillAsync()
    {
        Signal(OrchestratorProcesses.SIGKILL);
        await WaitGroupAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    public async Task<bool> WaitGroupAsync(TimeSpan timeout)
    {
        var exited = await Task.WhenAny(_exited.Task, Task.Delay(timeout)).ConfigureAwait(false) == _exited.Task;
        if (!exited) return false;
        return await OrchestratorProcesses.WaitForExitAsync(GroupMembers(), timeout).ConfigureAwait(false);
    }
}
