using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace YeKuo.ServiceDefaults.Hosting;

/// <summary>
/// Background work done in passes for the life of the host (scans, sweeps): a pass, then a fresh delay of
/// <see cref="Interval"/>, then the next. A fresh delay and not a periodic timer: when the clock jumps (a paused VM, a
/// test's fake clock) one pass catches up on everything due instead of one pass per missed interval. A failed pass is
/// logged and the next one runs after the interval; stopping the host ends the loop, inside a pass or between passes.
/// </summary>
public abstract class RecurringPass(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>The wait between passes, read before each wait (a changed option applies from the next one).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a pass is, for the log line of a failed one ("supervision scan").</summary>
    protected abstract string PassName { get; }

    /// <summary>How long after start the first pass comes (default: at once).</summary>
    protected virtual TimeSpan FirstPassAfter => TimeSpan.Zero;

    /// <summary>Whether this host does the work at all (read once at start: a sender with no channel configured does not).</summary>
    protected virtual bool IsEnabled => true;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled || (FirstPassAfter > TimeSpan.Zero && !await WaitAsync(FirstPassAfter, stoppingToken)))
        {
            return;
        }
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logger.LogWarning(ex, "The {Pass} failed; it runs again in {Interval}", PassName, Interval);
            }
        }
        while (await WaitAsync(Interval, stoppingToken));
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, Time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
