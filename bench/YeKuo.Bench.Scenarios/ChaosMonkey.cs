using System.Diagnostics;
using YeKuo.Testing;

namespace YeKuo.Bench.Scenarios;

/// <summary>One thing the monkey did.</summary>
public sealed record ChaosEvent(string Kind, string Target, double AtSeconds, double Progress, double DowntimeSeconds, double RecoverySeconds, string? Error);

/// <summary>
/// SIGKILLs random department services and restarts the broker at random moments of the run. Moments are drawn as
/// fractions of the completed steps (so they always fall inside the run, whatever its pace); one action at a time.
/// </summary>
public sealed class ChaosMonkey(YeKuoSystem app, ChaosOptions options, Random random, Func<double> progress, Stopwatch clock, Action<string> log)
{
    private readonly List<ChaosEvent> _events = [];

    public IReadOnlyList<ChaosEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public int KillsDone => Events.Count(e => e.Kind == "kill" && e.Error is null);

    public int BrokerRestartsDone => Events.Count(e => e.Kind == "broker-restart" && e.Error is null);

    private readonly HashSet<string> _down = [];

    /// <summary>Fires each action at its moment without waiting for the previous one's restart to finish (a service
    /// start takes seconds; serialising them would push the later actions past the end of the drive). A service already
    /// down is not picked again; the broker restart never overlaps itself. Returns when every action has finished.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var plan = Enumerable.Range(0, options.Kills).Select(_ => "kill")
            .Concat(Enumerable.Range(0, options.BrokerRestarts).Select(_ => "broker-restart"))
            .Select(kind => (Kind: kind, At: options.ChaosFrom + random.NextDouble() * (options.ChaosUntil - options.ChaosFrom)))
            .OrderBy(a => a.At)
            .ToList();
        var running = new List<Task>();
        try
        {
            foreach (var (kind, at) in plan)
            {
                while (progress() < at)
                {
                    await Task.Delay(50, ct).ConfigureAwait(false);
                }
                // A random moment inside the step being processed, not right on a boundary.
                await Task.Delay(random.Next(0, 400), ct).ConfigureAwait(false);
                string? target;
                while ((target = PickTarget(kind)) is null)
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }
                var downtime = options.MinDowntime + (options.MaxDowntime - options.MinDowntime) * random.NextDouble();
                running.Add(kind == "kill" ? KillAsync(target, downtime, ct) : RestartBrokerAsync(ct));
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private string? PickTarget(string kind)
    {
        lock (_down)
        {
            var candidates = kind == "kill" ? options.KillTargets.Where(t => !_down.Contains(t)).ToList() : _down.Contains("messaging") ? [] : ["messaging"];
            if (candidates.Count == 0) return null;
            var target = candidates[random.Next(candidates.Count)];
            _down.Add(target);
            return target;
        }
    }

    private void Up(string target)
    {
        lock (_down) _down.Remove(target);
    }

    private async Task KillAsync(string target, TimeSpan downtime, CancellationToken ct)
    {
        await Task.Yield();
        var at = clock.Elapsed.TotalSeconds;
        var p = progress();
        string? error = null;
        var recovery = Stopwatch.StartNew();
        try
        {
            await app.KillAsync(target).ConfigureAwait(false);
            log($"chaos: SIGKILL {target} at {at:0.0} s (progress {p:P0}); restart in {downtime.TotalSeconds:0.0} s");
            await Task.Delay(downtime, ct).ConfigureAwait(false);
            recovery.Restart();
            await StartAgainAsync(target, ct).ConfigureAwait(false);
            log($"chaos: {target} running again after {recovery.Elapsed.TotalSeconds:0.0} s of start");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            log($"chaos: kill/restart of {target} failed: {e.Message}");
        }
        finally
        {
            Up(target);
        }
        lock (_events) _events.Add(new ChaosEvent("kill", target, at, p, downtime.TotalSeconds, recovery.Elapsed.TotalSeconds, error));
    }

    /// <summary>
    /// Starts a killed service again. A service waits for the broker before it starts, so a start that falls inside the
    /// broker's own restart is refused ("stopped waiting for dependency 'messaging'"): it is tried again, as an operator's
    /// supervisor would, until the broker is back (a minute at most), never leaving the service down for the rest of the run.
    /// </summary>
    private async Task StartAgainAsync(string target, CancellationToken ct)
    {
        var giveUp = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await app.StartResourceAsync(target, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && giveUp.Elapsed < TimeSpan.FromMinutes(1))
            {
                log($"chaos: start of {target} refused ({e.Message}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task RestartBrokerAsync(CancellationToken ct)
    {
        await Task.Yield();
        var at = clock.Elapsed.TotalSeconds;
        var p = progress();
        string? error = null;
        var stop = Stopwatch.StartNew();
        double downtime = 0;
        var recovery = new Stopwatch();
        try
        {
            log($"chaos: restarting RabbitMQ at {at:0.0} s (progress {p:P0})");
            await app.StopResourceAsync("messaging").ConfigureAwait(false);
            downtime = stop.Elapsed.TotalSeconds;
            recovery.Start();
            await app.StartResourceAsync("messaging", ct).ConfigureAwait(false);
            log($"chaos: RabbitMQ running again (stop {downtime:0.0} s, start {recovery.Elapsed.TotalSeconds:0.0} s)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            log($"chaos: broker restart failed: {e.Message}");
        }
        finally
        {
            Up("messaging");
        }
        lock (_events) _events.Add(new ChaosEvent("broker-restart", "messaging", at, p, downtime, recovery.Elapsed.TotalSeconds, error));
    }
}
