using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Workflow.Hosting.Persistence;

/// <summary>
/// The work item lookups every request and handoff makes (find the item acted on, decide whether a handoff already
/// happened, gather the pauses of a clock), compiled once per model (<see cref="ModelQuery{TQuery}"/>).
/// </summary>
public static class WorkItemQueries
{
    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkItem?>>> TrackedById = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.WorkItems.FirstOrDefault(w => w.Id == id)));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkItem?>>> UntrackedById = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.WorkItems.AsNoTracking().FirstOrDefault(w => w.Id == id)));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, CancellationToken, Task<bool>>> ClosedQuery = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid applicationId, CancellationToken _) =>
            db.ClosedApplications.Any(c => c.ApplicationId == applicationId)));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, Step, int, CancellationToken, Task<bool>>> RoundQuery = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid applicationId, Step step, int round, CancellationToken _) =>
            db.WorkItems.Any(w => w.ApplicationId == applicationId && w.Step == step && w.Round == round)));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, Step, CancellationToken, Task<WorkItem?>>> LatestRoundQuery = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid applicationId, Step step, CancellationToken _) =>
            db.WorkItems.AsNoTracking().Where(w => w.ApplicationId == applicationId && w.Step == step).OrderByDescending(w => w.Round).FirstOrDefault()));

    private static readonly Expression<Func<WorkflowDbContext, Guid, Guid, DateTimeOffset?, IQueryable<WorkItem>>> ClockSiblingsOf =
        (db, applicationId, itemId, clockStartedAt) =>
            db.WorkItems.AsNoTracking().Where(w => w.ApplicationId == applicationId && w.Id != itemId && w.ClockStartedAt == clockStartedAt);

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, Guid, DateTimeOffset?, IAsyncEnumerable<WorkItem>>> ClockSiblingsQuery =
        new(() => EF.CompileAsyncQuery(ClockSiblingsOf));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, Guid, DateTimeOffset?, IEnumerable<WorkItem>>> ClockSiblingsSyncQuery =
        new(() => EF.CompileQuery(ClockSiblingsOf));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, Step, IAsyncEnumerable<WorkItem>>> CompletedOtherStepsQuery = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid applicationId, Step step) =>
            db.WorkItems.AsNoTracking().Where(w => w.ApplicationId == applicationId && w.Status == WorkItemStatus.Completed && w.Step != step)));

    private static readonly Expression<Func<WorkflowDbContext, Guid, IQueryable<SupervisionTimer>>> TimersOf =
        (db, itemId) => db.SupervisionTimers.Where(t => t.WorkItemId == itemId);

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, IAsyncEnumerable<SupervisionTimer>>> TimersQuery =
        new(() => EF.CompileAsyncQuery(TimersOf));

    private static readonly ModelQuery<Func<WorkflowDbContext, Guid, IEnumerable<SupervisionTimer>>> TimersSyncQuery =
        new(() => EF.CompileQuery(TimersOf));

    /// <summary>The work item, tracked (to be changed), with its pauses; null when there is none.</summary>
    public static Task<WorkItem?> FindAsync(WorkflowDbContext db, Guid id, CancellationToken cancellationToken) =>
        TrackedById.For(db)(db, id, cancellationToken);

    /// <summary>The work item as stored, not tracked (to be read), with its pauses; null when there is none.</summary>
    public static Task<WorkItem?> ReadAsync(WorkflowDbContext db, Guid id, CancellationToken cancellationToken) =>
        UntrackedById.For(db)(db, id, cancellationToken);

    /// <summary>Whether the application is closed here (withdrawn or rejected): no more work is opened for it.</summary>
    public static Task<bool> IsClosedAsync(WorkflowDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        ClosedQuery.For(db)(db, applicationId, cancellationToken);

    /// <summary>Whether the application's <paramref name="step"/> already has its round <paramref name="round"/>.</summary>
    public static Task<bool> RoundExistsAsync(WorkflowDbContext db, Guid applicationId, Step step, int round, CancellationToken cancellationToken) =>
        RoundQuery.For(db)(db, applicationId, step, round, cancellationToken);

    /// <summary>The application's latest round of <paramref name="step"/> as stored (not tracked), or null before its first.</summary>
    public static Task<WorkItem?> LatestRoundAsync(WorkflowDbContext db, Guid applicationId, Step step, CancellationToken cancellationToken) =>
        LatestRoundQuery.For(db)(db, applicationId, step, cancellationToken);

    /// <summary>The application's other work items whose clock started with <paramref name="item"/>'s (not tracked).</summary>
    public static Task<List<WorkItem>> ClockSiblingsAsync(WorkflowDbContext db, WorkItem item, CancellationToken cancellationToken) =>
        ClockSiblingsQuery.For(db)(db, item.ApplicationId, item.Id, item.ClockStartedAt).ToListAsync(cancellationToken).AsTask();

    /// <inheritdoc cref="ClockSiblingsAsync"/>
    public static List<WorkItem> ClockSiblings(WorkflowDbContext db, WorkItem item) =>
        ClockSiblingsSyncQuery.For(db)(db, item.ApplicationId, item.Id, item.ClockStartedAt).ToList();

    /// <summary>The application's completed work items of steps other than <paramref name="step"/> (not tracked).</summary>
    public static Task<List<WorkItem>> CompletedOtherStepsAsync(WorkflowDbContext db, Guid applicationId, Step step, CancellationToken cancellationToken) =>
        CompletedOtherStepsQuery.For(db)(db, applicationId, step).ToListAsync(cancellationToken).AsTask();

    /// <summary>Loads (tracks) the stored supervision timers of a work item; those already tracked keep their tracked state.</summary>
    public static Task<List<SupervisionTimer>> LoadTimersAsync(WorkflowDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        TimersQuery.For(db)(db, itemId).ToListAsync(cancellationToken).AsTask();

    /// <inheritdoc cref="LoadTimersAsync"/>
    public static List<SupervisionTimer> LoadTimers(WorkflowDbContext db, Guid itemId) => TimersSyncQuery.For(db)(db, itemId).ToList();
}
