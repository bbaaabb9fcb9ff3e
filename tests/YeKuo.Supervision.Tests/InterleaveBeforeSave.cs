using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace YeKuo.Supervision.Tests;

/// <summary>
/// Runs another replica's work once, right before a save of this context that <paramref name="when"/> picks writes:
/// after the supervision planner read the timers, before the rows are written, the widest window of a real race.
/// </summary>
internal sealed class InterleaveBeforeSave(Func<DbContext, bool> when, Func<Task> other) : SaveChangesInterceptor
{
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
