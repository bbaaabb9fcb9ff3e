using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>
/// Keeps a work item's supervision timers in line with its clock. <see cref="WorkflowDbContext"/> runs it before every
/// save for each work item that was added or whose running state or due date changed, so no code path that opens,
/// pauses, resumes, completes or cancels work can forget it; the timers commit in the same transaction as the item.
/// </summary>
/// <remarks>
/// The plan is a reconciliation: a running item (open or in progress, with a due date) wants one unfired timer, for
/// its next level (the first, in order, with a moment on its SLA clock that has not fired); anything else wants none.
/// Unfired timers are moved, added or deleted to match; fired timers are never touched, so a level that fired stays
/// fired (never fires twice, even after a resume). The scanner plans the following level in the commit that fires one
/// (<see cref="SupervisionScanner"/>): one row per running item instead of one per level, since most work completes
/// before its first warning and each row is written at opening and deleted at completion.
/// </remarks>
public sealed class SupervisionPlanner(DeadlinePlanner deadlines, IOptions<SupervisionOptions> options)
{
    private static readonly Lazy<SupervisionPlanner> Fallback = new(() => new SupervisionPlanner(
        new DeadlinePlanner(WorkingDayCalendar.LoadDefault(), TimeLimitPolicyBook.LoadDefault()),
        Options.Create(new SupervisionOptions())));

    /// <summary>The planner with default settings, for a context created outside dependency injection.</summary>
    internal static SupervisionPlanner Default => Fallback.Value;

    /// <summary>Open or in progress: the company's clock runs (a paused item raises nothing).</summary>
    public static bool IsRunning(WorkItemStatus status) => status is WorkItemStatus.Open or WorkItemStatus.InProgress;

    /// <summary>
    /// When each level should fire for <paramref name="item"/> given every pause on its clock (those of earlier steps
    /// sharing the clock included); empty unless the item is running with a due date.
    /// </summary>
    public IReadOnlyDictionary<SupervisionLevel, DateTimeOffset> Moments(WorkItem item, IEnumerable<PauseInterval> clockPauses)
    {
        var moments = new Dictionary<SupervisionLevel, DateTimeOffset>();
        if (!IsRunning(item.Status) || item.DueAt is not { } due)
        {
            return moments;
        }

        var settings = options.Value;
        if (item.ClockStartedAt is { } start && item.LimitWorkingDays is >= 1 and <= WorkingDayCalendar.MaxWorkingDays)
        {
            var clock = new SlaClock(deadlines.Calendar, start, item.LimitWorkingDays.Value, clockPauses);
            var fractions = settings.EffectiveWarningFractions;
            for (var i = 0; i < fractions.Count && i < 2; i++)
            {
                if (clock.WarningMoment(fractions[i]) is { } moment)
                {
                    // The item's due date is the authority; a warning never comes after it.
                    moments[i == 0 ? SupervisionLevel.HalfUsed : SupervisionLevel.MostlyUsed] = moment < due ? moment : due;
                }
            }
        }

        moments[SupervisionLevel.Overdue] = due;
        moments[SupervisionLevel.Escalation] = due + settings.EscalateAfter;
        return moments;
    }

    /// <summary>
    /// The one level a running item's unfired timer is for: the first level (in <see cref="SupervisionLevel"/>'s order,
    /// which is the order of their moments) that has a moment and has not fired; empty when every level has fired.
    /// </summary>
    public static IReadOnlyDictionary<SupervisionLevel, DateTimeOffset> Next(
        IReadOnlyDictionary<SupervisionLevel, DateTimeOffset> moments, IEnumerable<SupervisionLevel> fired)
    {
        var done = fired.ToHashSet();
        foreach (var level in Enum.GetValues<SupervisionLevel>())
        {
            if (!done.Contains(level) && moments.TryGetValue(level, out var moment))
            {
                return new Dictionary<SupervisionLevel, DateTimeOffset> { [level] = moment };
            }
        }
        return new Dictionary<SupervisionLevel, DateTimeOffset>();
    }

    /// <summary>Plans the timers of every work item this save adds, or whose running state or due date it changes.</summary>
    internal async Task PlanChangesAsync(WorkflowDbContext db, bool async, CancellationToken cancellationToken)
    {
        // The save detected the changes just before; planning many items (a bulk open) must not detect them again for each one.
        var changed = db.EntriesAsDetected<WorkItem>().Where(NeedsPlanning).Select(e => e.Entity).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var item in changed)
            {
                await PlanAsync(db, item, async, cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Adds, moves or deletes the unfired timers of <paramref name="item"/> in <paramref name="db"/> (not saved).</summary>
    internal async Task PlanAsync(WorkflowDbContext db, WorkItem item, bool async, CancellationToken cancellationToken)
    {
        if (db.Entry(item).State != EntityState.Added)
        {
            // Loading attaches the stored timers; those already tracked keep their tracked state.
            _ = async ? await WorkItemQueries.LoadTimersAsync(db, item.Id, cancellationToken) : WorkItemQueries.LoadTimers(db, item.Id);
        }
        var existing = db.ChangeTracker.Entries<SupervisionTimer>()
            .Where(e => e.Entity.WorkItemId == item.Id && e.State != EntityState.Deleted && e.State != EntityState.Detached)
            .Select(e => e.Entity)
            .ToList();

        var pauses = IsRunning(item.Status) && item.DueAt is not null
            ? await ClockPausesAsync(db, item, async, cancellationToken)
            : [];
        var wanted = Next(Moments(item, pauses), existing.Where(t => t.IsFired).Select(t => t.Level));

        foreach (var timer in existing.Where(t => !t.IsFired))
        {
            if (!wanted.TryGetValue(timer.Level, out var fireAt))
            {
                db.SupervisionTimers.Remove(timer);
            }
            else if (timer.FireAt != fireAt)
            {
                timer.MoveTo(fireAt);
            }
        }
        foreach (var (level, fireAt) in wanted)
        {
            if (!existing.Any(t => t.Level == level))
            {
                db.SupervisionTimers.Add(SupervisionTimer.For(item, level, fireAt));
            }
        }
    }

    /// <summary>
    /// Whether a save failed only because pending timers it planned to move or delete had changed in the store since the
    /// planning read them: a scanner fired one (and planned the next level) or dropped it. Nobody changed the work items,
    /// so the save is not a user's conflict; it plans again (<see cref="Forget"/>). A timer the save itself fires is the
    /// scanner's own race, not this one.
    /// </summary>
    internal static bool LostOnlyPlannedTimers(DbUpdateConcurrencyException conflict) =>
        conflict.Entries.Count > 0 && conflict.Entries.All(e => e.Entity is SupervisionTimer { IsFired: false });

    /// <summary>Forgets the timers of a lost planning, so the next planning loads them as stored.</summary>
    internal static void Forget(DbUpdateConcurrencyException conflict)
    {
        foreach (var entry in conflict.Entries)
        {
            entry.State = EntityState.Detached;
        }
    }

    private static bool NeedsPlanning(EntityEntry<WorkItem> entry)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                return true;
            case EntityState.Modified:
                var status = entry.Property(w => w.Status);
                var due = entry.Property(w => w.DueAt);
                return IsRunning(status.OriginalValue) != IsRunning(status.CurrentValue) || due.OriginalValue != due.CurrentValue;
            default:
                return false;
        }
    }

    // Same clock, same pauses as the due date was computed with (see WorkItemsApi.ClockPausesAsync): the item's own
    // pauses and those of earlier steps of the application sharing its clock (e.g. 现场勘查 before 方案答复).
    private async Task<IReadOnlyList<PauseInterval>> ClockPausesAsync(WorkflowDbContext db, WorkItem item, bool async, CancellationToken cancellationToken)
    {
        var own = item.Pauses.Select(p => new PauseInterval(p.PausedAt, p.ResumedAt, p.Reason));
        if (item.ClockStartedAt is null)
        {
            return own.ToArray();
        }

        var siblings = async ? await WorkItemQueries.ClockSiblingsAsync(db, item, cancellationToken) : WorkItemQueries.ClockSiblings(db, item);
        return siblings
            .Where(w => deadlines.SharesClock(w.CustomerClass, w.PolicyVersion, w.Step, item.Step))
            .SelectMany(w => w.Pauses)
            .Select(p => new PauseInterval(p.PausedAt, p.ResumedAt, p.Reason))
            .Concat(own)
            .ToArray();
    }
}
