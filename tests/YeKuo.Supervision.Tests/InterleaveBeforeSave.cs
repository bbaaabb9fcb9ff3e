using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>
/// Runs another replica's work once, right before a save of this context that <paramref name="when"/> picks writes:
/// after the supervision planner read the timers, before the rows are written, the widest window of a real race.
/// </summary>
internal sealed class InterleaveBeforeSave(Func<DbContext, bool> when, Func<Task> other) : SaveChangesInterceptor
{
    /// <summary>Runs <paramref name="scanner"/>'s scan right before a save that writes a timer in <paramref name="state"/>.</summary>
    public static InterleaveBeforeSave ScanBeforeSavingTimers(EntityState state, Replica scanner) =>
        new(db => db.ChangeTracker.Entries<SupervisionTimer>().Any(e => e.State == state), () => scanner.ScanAsync());

    public bool Interleaved { get; private set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Interleaved && when(eventData.Context!))
        {
            Interleaved = true;
            await other();
        }
        return result;
    }
}
