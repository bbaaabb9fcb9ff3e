using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using YeKuo.Hosting;

namespace YeKuo.AppHost.Tests;

/// <summary>The AppHost executable itself: started as a process, stopped with SIGINT (Ctrl+C) once up; it must exit 0 and
/// leave none of its processes behind. Each case is one <c>--only</c> selection of the AppHost's graph; null runs the whole
/// graph (every service and the gateway), which needs their build outputs.</summary>
public sealed partial class AppHostProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempStateDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [GeneratedRegex(@"^\[apphost\] (?<name>\S+)\s+(?<type>\S+)\s+(?<state>\S+)\s+(?<pid>\d+|-)\s+(?<url>.*)$")]
    private static partial Regex TableRow();

    private sealed record AppHostRun(Process Process, ConcurrentQueue<string> Lines, Task Started);

    private AppHostRun StartAppHost(string? only)
    {
        var dll = Path.Combine(DistributedApplicationBuilder.FindRepositoryRoot(), "apphost", "YeKuo.AppHost", "bin", TestSupport.Configuration,
            "net10.0", "YeKuo.AppHost.dll");
        Assert.True(File.Exists(dll), dll + " missing: the test project builds it through its ProjectReference.");

        // env --default-signal=INT: a process started while SIGINT is ignored (background job of a script) could never see Ctrl+C.
        var psi = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--default-signal=INT", ProjectResource.DotnetHost(), dll, "--state-dir", _state.Path,
                     "--gateway-port", TestSupport.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        if (only is not null)
        {
            psi.ArgumentList.Add("--only");
            psi.ArgumentList.Add(only);
        }

        var lines = new ConcurrentQueue<string>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi };
        void OnLine(string? line)
        {
            if (line is null) return;
            lines.Enqueue(line);
            try { output.WriteLine(line); }
            catch (InvalidOperationException) { }
            if (line.StartsWith("[apphost] Application started", StringComparison.Ordinal)) started.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new AppHostRun(process, lines, started.Task);
    }

    [Theory]
    [InlineData(null)]
    public async Task AppHost_stops_everything_on_SIGINT_and_exits_0(string? only)
    {
        var (process, lines, startedTask) = StartAppHost(only);
        using var _ = process;
        var pids = new HashSet<int>();
        try
        {
            var exitedEarly = process.WaitForExitAsync();
            var first = await Task.WhenAny(startedTask, exitedEarly, Task.Delay(TimeSpan.FromSeconds(180)));
            Assert.True(first == startedTask, "the AppHost did not report 'Application started'");

            var rows = lines.Select(l => TableRow().Match(l)).Where(m => m.Success && m.Groups["name"].Value != "NAME").ToList();
            var expected = only?.Split(',') ?? ["messaging", "cache", "acceptance", "supplyscheme", "inspection", "metering", "notification", "gateway"];
            foreach (var name in expected)
                Assert.Contains(rows, r => r.Groups["name"].Value == name && r.Groups["state"].Value == "Running");
            foreach (var row in rows.Where(r => r.Groups["pid"].Value != "-"))
                pids.Add(int.Parse(row.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEmpty(pids);
            Assert.All(pids, p => Assert.True(OrchestratorProcesses.IsAlive(p), $"{p} is in the table but not running"));

            // Everything else it started (beam.smp, epmd, ...) carries the state directory marker and/or is in its pid file
            // (which may also name short-lived helpers that are gone already: they must be gone at the end too).
            foreach (var pid in OrchestratorProcesses.FindByStateDirectory(_state.Path)) pids.Add(pid);
            foreach (var line in File.ReadAllLines(Path.Combine(_state.Path, "pids")))
                pids.Add(int.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine("AppHost processes: " + TestSupport.Describe(pids));
            Assert.Contains(pids, p => OrchestratorProcesses.GetCommandName(p) == "beam.smp");

            Assert.True(OrchestratorProcesses.Signal(process.Id, OrchestratorProcesses.SIGINT));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("[apphost] Stopped.", lines);

            var alive = pids.Where(OrchestratorProcesses.IsAlive).ToList();
            Assert.True(alive.Count == 0, "still alive: " + TestSupport.Describe(alive));
            Assert.Empty(OrchestratorProcesses.FindByStateDirectory(_state.Path));
        }
        finally
        {
            if (!process.HasExited)
            {
                // A failed assertion must not orphan the AppHost's children: let it stop them, then make sure.
                OrchestratorProcesses.Signal(process.Id, OrchestratorProcesses.SIGTERM);
                if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
            }
            foreach (var pid in OrchestratorProcesses.FindByStateDirectory(_state.Path)) OrchestratorProcesses.Signal(pid, OrchestratorProcesses.SIGKILL);
        }
    }

    [Fact]
    public async Task Children_of_an_AppHost_that_was_killed_are_cleaned_up_by_the_next_start()
    {
        var (process, lines, startedTask) = StartAppHost("cache");
        using (process)
        {
            var first = await Task.WhenAny(startedTask, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
            Assert.True(first == startedTask, "the AppHost did not report 'Application started'");
            process.Kill(); // SIGKILL to the AppHost alone: its redis-server is orphaned
            await process.WaitForExitAsync();
        }
        var orphans = OrchestratorProcesses.FindByStateDirectory(_state.Path);
        output.WriteLine("orphans: " + TestSupport.Describe(orphans));
        Assert.Contains(orphans, p => OrchestratorProcesses.GetCommandName(p) == "redis-server");

        var builder = TestSupport.CreateBuilder(output, _state.Path);
        builder.AddRedis("cache");
        await using (var app = builder.Build())
        {
            await app.StartAsync();
            Assert.All(orphans, p => Assert.False(OrchestratorProcesses.IsAlive(p), $"stale {p} still alive"));
            Assert.Contains(app.GetLogs("apphost"), l => l.StartsWith("Stopping 1 stale process", StringComparison.Ordinal));
        }
        Assert.Empty(OrchestratorProcesses.FindByStateDirectory(_state.Path));
    }
}
