using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Hosting;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>The department's <see cref="WorkflowDbContext"/> type the scanner works on (found among the registrations).</summary>
public sealed record SupervisedDbContext(Type ContextType);

/// <summary>What one scan did.</summary>
public sealed record SupervisionScanResult(int Raised, int Dropped, int Planned, int Cancelled = 0);

/// <summary>
/// Fires due supervision timers: every <c>Supervision:ScanInterval</c> it reads timers with <c>FireAt &lt;= now</c>
/// that have not fired, and for each sets <c>FiredAt</c>, enqueues <see cref="DeadlineWarningRaised"/> (or
/// <see cref="WorkItemEscalated"/>) through the outbox and plans the work item's next level, in the same SaveChanges.
/// </summary>
/// <remarks>
/// Exactly once per (work item, level): there is one row per pair (unique index), a fired row is never reset, and the
/// claim is an UPDATE guarded by the row's concurrency token committed together with the outbox row. Of two replicas
/// claiming the same row one update matches nothing and its whole transaction (its outbox row included) rolls back;
/// a crash before the commit leaves the row unfired and the next scan fires it; a crash after leaves it fired.
/// Timers of work items that are no longer running are deleted instead.
/// </remarks>
public sealed class SupervisionScanner(
    IServiceScopeFactory scopes,
    SupervisedDbContext supervised,
    SupervisionPlanner planner,
    SupervisionMetrics metrics,
    TimeProvider time,
    IOptions<SupervisionOptions> options,
    ILogger<SupervisionScanner> logger) : RecurringPass(time, logger)
{
    // Set once a catch-up pass finds no running item left without timers. Every save plans the timers of the items it
    // opens, pauses, resumes or closes (SupervisionPlanner, in the same transaction), so from then on only writes around
    // the model (raw SQL, an old backup restored) could leave one: the next start looks again. Looking on every scan
    // would read every running item each time (an anti-join over all of them: ~O(open items) per scan).
    private volatile bool _caughtUp;

    // Set once a pass finds no open work left on any closed application. From then on only the closures of the last
    // ClosureRecheck are read: the race that leaves such work (see CancelWorkOfClosedApplicationsAsync) commits within
    // a transaction's time of the closure, while looking at every closed application costs an index search per closure
    // ever made (reading the open items against them instead cost ~O(open items): 190 ms a scan with 100,000 open).
    // The next start looks at all of them again.
    private volatile bool _closuresSwept;

    /// <summary>How long after a closure its application is still looked at on every scan.</summary>
    public static readonly TimeSpan ClosureRecheck = TimeSpan.FromMinutes(10);

    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override string PassName => "supervision scan";

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ScanOnceAsync(cancellationToken);

    /// <summary>
    /// One pass: until caught up (after a start), plan a batch of work items that have no timers yet; fire every due
    /// timer (in batches); measure overdue work.
    /// </summary>
    public async Task<SupervisionScanResult> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        var batchSize = options.Value.BatchSize;
        var planned = _caughtUp ? 0 : await PlanUnsupervisedAsync(batchSize, cancellationToken);
        var cancelled = await CancelWorkOfClosedApplicationsAsync(now, batchSize, cancellationToken);

        int raised = 0, dropped = 0;
        while (true)
        {
            var batch = await FireBatchAsync(now, batchSize, cancellationToken);
            raised += batch.Raised;
            dropped += batch.Dropped;
            // A fired level planned the next, which may be due already (a backlog after downtime): take it in this scan.
            if (batch.Seen < batchSize && batch.Raised == 0)
            {
                break;
            }
        }

        await MeasureOverdueAsync(now, cancellationToken);
        if (raised > 0 || dropped > 0)
        {
            Logger.LogInformation("Supervision scan raised {Raised} warnings or escalations and dropped {Dropped} timers of closed work", raised, dropped);
        }
        return new SupervisionScanResult(raised, dropped, planned, cancelled);
    }

    /// <summary>
    /// Work left open on a closed application: a handoff that opened it at the very moment of the withdrawal read the
    /// application as not closed, while the withdrawal read no such work open, and both committed. Cancelled here as the
    /// withdrawal would have, within a scan of it (the save drops its timers, as every save does for work it closes).
    /// After a start, the open work of every closed application is looked for until none is left; then each scan reads
    /// the applications closed in the last <see cref="ClosureRecheck"/> (the closed applications are the withdrawn and
    /// rejected ones only) and the open work of those alone; either way by the application index.
    /// </summary>
    private async Task<int> CancelWorkOfClosedApplicationsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope);
        var sweepAll = !_closuresSwept;
        var closed = await (sweepAll ? db.ClosedApplications.Select(c => c.ApplicationId) : ClosedSince(db, now - ClosureRecheck))
            .ToListAsync(cancellationToken);
        var leftovers = new List<WorkItem>();
        foreach (var applications in closed.Chunk(ClosuresPerQuery))
        {
            leftovers.AddRange(await LeftoverWork(db, applications, batchSize - leftovers.Count).ToListAsync(cancellationToken));
            if (leftovers.Count == batchSize)
            {
                break;
            }
        }
        if (leftovers.Count == 0)
        {
            _closuresSwept = true;
            return 0;
        }
        foreach (var item in leftovers)
        {
            item.Cancel($"{ClosedApplication.WithdrawnCancelReason} (opened as the application was withdrawn)", now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone acted on one of them meanwhile: the next scan looks again (at all closures, if this was the sweep
            // after a start).
            return 0;
        }
        // The sweep after a start is done once a batch it cancelled held all that was left.
        _closuresSwept |= sweepAll && leftovers.Count < batchSize;
        Logger.LogWarning("Cancelled {Count} work items opened as their applications were withdrawn: {WorkItemIds}",
            leftovers.Count, string.Join(", ", leftovers.Select(w => w.Id)));
        return leftovers.Count;
    }

    private async Task<(int Raised, int Dropped, int Seen)> FireBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope);
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();

        var due = await DueTimers(db, now, batchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, 0, 0);
        }

        // The common case: nobody else touched these rows, and the whole batch commits at once.
        var items = await ItemsAsync(db, due.Select(t => t.WorkItemId), cancellationToken);
        var claims = due.Select(t => Claim(db, outbox, t, items.GetValueOrDefault(t.WorkItemId), now)).ToList();
        await PlanNextLevelsAsync(db, claims, items, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (Committed(claims), claims.Count(c => c is null), due.Count);
        }
        catch (DbUpdateException)
        {
            // Another replica (or a work item change) got to some row first, or planned the next level first (unique
            // work item + level): the batch rolled back, outbox rows with it. Claim one by one so that only the
            // contested rows are skipped.
            db.ChangeTracker.Clear();
        }

        int raised = 0, dropped = 0;
        foreach (var id in due.Select(t => t.Id))
        {
            var timer = await db.SupervisionTimers.FirstOrDefaultAsync(t => t.Id == id && t.FiredAt == null && t.FireAt <= now, cancellationToken);
            if (timer is null)
            {
                continue;
            }
            var itemOfTimer = await ItemsAsync(db, [timer.WorkItemId], cancellationToken);
            var claim = Claim(db, outbox, timer, itemOfTimer.GetValueOrDefault(timer.WorkItemId), now);
            await PlanNextLevelsAsync(db, [claim], itemOfTimer, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised += Committed([claim]);
                dropped += claim is null ? 1 : 0;
            }
            catch (DbUpdateException ex)
            {
                if (ex is not DbUpdateConcurrencyException && !await ClaimedElsewhereAsync(db, id, cancellationToken))
                {
                    throw;
                }
                Logger.LogDebug("Supervision timer {TimerId} was claimed or changed elsewhere; skipped", id);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return (raised, dropped, due.Count);
    }

    /// <summary>Marks the timer fired and enqueues its event; deletes it (null) when its work item no longer runs.</summary>
    private SupervisionTimer? Claim(WorkflowDbContext db, IEventOutbox outbox, SupervisionTimer timer, WorkItem? item, DateTimeOffset now)
    {
        if (item is null || !SupervisionPlanner.IsRunning(item.Status))
        {
            db.SupervisionTimers.Remove(timer);
            return null;
        }

        timer.MarkFired(now);
        var dueAt = item.DueAt ?? timer.FireAt;
        if (timer.Level.AsDeadlineLevel() is { } level)
        {
            outbox.Enqueue(new DeadlineWarningRaised(
                item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, item.Assignee, level, dueAt, now,
                item.DueAssumedYears), item.ApplicationId);
        }
        else
        {
            outbox.Enqueue(new WorkItemEscalated(
                item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, item.Assignee,
                options.Value.HeadOf(item.Department), dueAt, now, item.DueAssumedYears), item.ApplicationId);
        }
        return timer;
    }

    /// <summary>Whether another scanner fired the timer meanwhile (its next level's row then collides with ours).</summary>
    private static async Task<bool> ClaimedElsewhereAsync(WorkflowDbContext db, Guid timerId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.SupervisionTimers.AsNoTracking().AnyAsync(t => t.Id == timerId && t.FiredAt != null, cancellationToken);
    }

    /// <summary>Plans the next level of each work item a claim fired (one unfired timer per running item), in the claim's save.</summary>
    private async Task PlanNextLevelsAsync(
        WorkflowDbContext db, IReadOnlyCollection<SupervisionTimer?> claims, IReadOnlyDictionary<Guid, WorkItem> items, CancellationToken cancellationToken)
    {
        foreach (var id in claims.OfType<SupervisionTimer>().Select(t => t.WorkItemId).Distinct())
        {
            await planner.PlanAsync(db, items[id], async: true, cancellationToken);
        }
    }

    private int Committed(IEnumerable<SupervisionTimer?> claims)
    {
        var count = 0;
        foreach (var timer in claims.OfType<SupervisionTimer>())
        {
            metrics.Raised(timer.Level, timer.Department, timer.Step);
            Logger.LogDebug("{Level} raised for work item {WorkItemId} ({Step}, {Department})", timer.Level, timer.WorkItemId, timer.Step, timer.Department);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Running work items with a due date but no timers at all (opened before supervision existed): one batch per scan
    /// until none is left.
    /// </summary>
    private async Task<int> PlanUnsupervisedAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope);
        var items = await UnsupervisedItems(db, batchSize).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            _caughtUp = true;
            return 0;
        }

        foreach (var item in items)
        {
            await planner.PlanAsync(db, item, async: true, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            _caughtUp = items.Count < batchSize;
            return items.Count;
        }
        catch (DbUpdateException ex)
        {
            // Another replica planned them first (unique work item + level), or an item changed meanwhile: its own
            // save planned it. Either way the next scan finds nothing left to do.
            Logger.LogDebug(ex, "Planning timers for unsupervised work items lost a race; left to the next scan");
            return 0;
        }
    }

    private async Task MeasureOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope);
        // One count per department, each an index range (IX_WorkItems_Running_Department_DueAt) counted without reading
        // a row; a single GROUP BY would sort every overdue item first (several times slower with thousands overdue).
        var overdue = new Dictionary<Department, long>();
        foreach (var department in Enum.GetValues<Department>())
        {
            var count = await Overdue(db, department, now).LongCountAsync(cancellationToken);
            if (count > 0)
            {
                overdue[department] = count;
            }
        }
        metrics.SetOverdue(overdue);
    }

    // The scan's queries, public so the scale bench measures (and shows the plans of) exactly what a scan runs.

    /// <summary>Closed applications whose open work one query looks for (an IN list of parameters).</summary>
    public const int ClosuresPerQuery = 500;

    /// <summary>
    /// Open work items of the given closed applications, earliest opened first: one batch, an index lookup per
    /// application (EF Core sends the ids as parameters of an IN list, which SQLite searches the application index for).
    /// </summary>
    public static IQueryable<WorkItem> LeftoverWork(WorkflowDbContext db, IReadOnlyCollection<Guid> closedApplications, int batchSize) =>
        db.OpenWorkItems
            .Where(w => closedApplications.Contains(w.ApplicationId))
            .OrderBy(w => w.OpenedAt)
            .Take(batchSize);

    /// <summary>The applications closed since <paramref name="since"/>.</summary>
    public static IQueryable<Guid> ClosedSince(WorkflowDbContext db, DateTimeOffset since) =>
        db.ClosedApplications.Where(c => c.ClosedAt >= since).Select(c => c.ApplicationId);

    /// <summary>Unfired timers due at <paramref name="now"/>, earliest first: one batch.</summary>
    public static IQueryable<SupervisionTimer> DueTimers(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.SupervisionTimers
            .Where(t => t.FiredAt == null && t.FireAt <= now)
            .OrderBy(t => t.FireAt)
            .Take(batchSize);

    /// <summary>Running work items with a due date but no timers at all, earliest due first: one batch.</summary>
    public static IQueryable<WorkItem> UnsupervisedItems(WorkflowDbContext db, int batchSize) =>
        db.WorkItems
            .Where(w => (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.InProgress)
                && w.DueAt != null
                && !db.SupervisionTimers.Any(t => t.WorkItemId == w.Id))
            .OrderBy(w => w.DueAt)
            .Take(batchSize);

    /// <summary>Running work items of <paramref name="department"/> past their due date (counted for the overdue gauge).</summary>
    public static IQueryable<WorkItem> Overdue(WorkflowDbContext db, Department department, DateTimeOffset now) =>
        db.WorkItems.IgnoreAutoIncludes().Where(w => (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.InProgress)
            && w.Department == department && w.DueAt != null && w.DueAt < now);

    /// <summary>
    /// Items loaded for a batch of timers (by id), with their pauses: a fired level's item has its next level planned,
    /// whose moment is read on the item's SLA clock.
    /// </summary>
    public static IQueryable<WorkItem> TimerItems(WorkflowDbContext db, IReadOnlyCollection<Guid> ids) =>
        db.WorkItems.AsNoTracking().Where(w => ids.Contains(w.Id));

    private static async Task<Dictionary<Guid, WorkItem>> ItemsAsync(WorkflowDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return await TimerItems(db, distinct).ToDictionaryAsync(w => w.Id, cancellationToken);
    }

    private WorkflowDbContext Context(AsyncServiceScope scope) =>
        (WorkflowDbContext)scope.ServiceProvider.GetRequiredService(supervised.ContextType);
}
