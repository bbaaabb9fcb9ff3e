using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Supervision;

/// <summary>
/// One pending or fired supervision moment of one work item (table <c>SupervisionTimers</c>). At most one row exists
/// per (work item, level); a fired row (<see cref="FiredAt"/> set) is never changed, moved or deleted again, so no
/// level fires twice. A running item has one unfired row, for its next level (<see cref="SupervisionPlanner.Next"/>):
/// re-planned when its due date moves, followed by the next level's when it fires, deleted when the item is paused,
/// completed or cancelled.
/// </summary>
public sealed class SupervisionTimer
{
    private SupervisionTimer()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkItemId { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public Step Step { get; private set; }

    public Department Department { get; private set; }

    public SupervisionLevel Level { get; private set; }

    /// <summary>When the timer is due (UTC).</summary>
    public DateTimeOffset FireAt { get; private set; }

    /// <summary>When a scanner claimed the timer and enqueued its event; null while pending.</summary>
    public DateTimeOffset? FiredAt { get; private set; }

    /// <summary>Optimistic concurrency token: of two scanners (or a scanner and a work-item change), one wins.</summary>
    public Guid Version { get; private set; }

    public bool IsFired => FiredAt is not null;

    /// <summary>A pending timer of <paramref name="item"/> for <paramref name="level"/> (the planner's; tests build an earlier version's rows with it).</summary>
    public static SupervisionTimer For(Domain.WorkItem item, SupervisionLevel level, DateTimeOffset fireAt) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkItemId = item.Id,
        ApplicationId = item.ApplicationId,
        ApplicationNumber = item.ApplicationNumber,
        Step = item.Step,
        Department = item.Department,
        Level = level,
        FireAt = fireAt,
        Version = Guid.NewGuid(),
    };

    internal void MoveTo(DateTimeOffset fireAt)
    {
        if (IsFired)
        {
            throw new InvalidOperationException("A fired supervision timer never moves.");
        }
        FireAt = fireAt;
        Version = Guid.NewGuid();
    }

    internal void MarkFired(DateTimeOffset now)
    {
        if (IsFired)
        {
            throw new InvalidOperationException("A supervision timer fires once.");
        }
        FiredAt = now;
        Version = Guid.NewGuid();
    }
}
