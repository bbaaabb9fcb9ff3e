using System.Runtime.InteropServices;
using System.Text;

namespace YeKuo.Hosting;

/// <summary>Linux process helpers used by the orchestrator and by tests that check nothing is left behind.</summary>
public static class OrchestratorProcesses
{
    /// <summary>Environment variable set on every child; its value is the absolute state directory. Lets a later run or a
    /// test find every process (including grandchildren such as beam.smp and epmd) that belongs to one state directory.</summary>
    public const string MarkerVariable = "YEKUO_ORCHESTRATOR_STATE_DIR";

    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int sig);

    [DllImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    private static extern int SysGetPgid(int pid);

    /// <summary>Sends a signal (libc <c>kill</c>); a negative pid addresses a process group. True when delivered.</summary>
    public static bool Signal(int pid, int signal) => SysKill(pid, signal) == 0;

    /// <summary>Process group id, or -1.</summary>
    public static int GetProcessGroup(int pid) => SysGetPgid(pid);

    /// <summary>True while the pid exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return SysKill(pid, 0) == 0; }
    }

    /// <summary>Short command name of a pid (from /proc), or null.</summary>
    public static string? GetCommandName(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Every live process carrying the marker of this state directory.</summary>
    public static IReadOnlyList<int> FindByStateDirectory(string stateDirectory)
    {
        var wanted = $"{MarkerVariable}={Path.GetFullPath(stateDirectory).TrimEnd('/')}";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            byte[] environ;
            try { environ = File.ReadAllBytes(Path.Combine(dir, "environ")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var entry in Encoding.UTF8.GetString(environ).Split('\0'))
            {
                if (entry == wanted)
                {
                    if (IsAlive(pid)) found.Add(pid);
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>Waits until none of the pids is alive; true on success.</summary>
    public static async Task<bool> WaitForExitAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var list = pids.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (list.All(p => !IsAlive(p))) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
