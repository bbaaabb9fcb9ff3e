using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>Upserts of the application's master timeline; its events may arrive in any order.</summary>
internal static class Timeline
{
    // Compiled: every timeline event looks its entry up by key; a compiled query skips EF Core's per-call query preparation.
    private static readonly Func<AcceptanceDbContext, Guid, CancellationToken, Task<TimelineEntry?>> EntryOf =
        EF.CompileAsyncQuery((AcceptanceDbContext db, Guid workItemId, CancellationToken _) =>
            db.Timeline.FirstOrDefault(e => e.WorkItemId == workItemId));

    private static readonly Func<AcceptanceDbContext, Guid, DateTimeOffset, CancellationToken, Task<TimelinePause?>> PauseOf =
        EF.CompileAsyncQuery((AcceptanceDbContext db, Guid workItemId, DateTimeOffset pausedAt, CancellationToken _) =>
            db.TimelinePauses.FirstOrDefault(p => p.WorkItemId == workItemId && p.PausedAt == pausedAt));

    /// <summary>The entry for a work item, created by whichever of its events arrives first.</summary>
    public static async Task<TimelineEntry> EntryAsync(
        AcceptanceDbContext db, Guid workItemId, Guid applicationId, Step step, Department department, int round,
        CancellationToken cancellationToken)
    {
        var entry = db.Timeline.Local.FindEntry(workItemId)?.Entity ?? await EntryOf(db, workItemId, cancellationToken);
        if (entry is null)
        {
            entry = new TimelineEntry { WorkItemId = workItemId, ApplicationId = applicationId, Step = step, Department = department, Round = round };
            db.Timeline.Add(entry);
        }
        return entry;
    }

    /// <summary>
    /// A department opened a step (its own <see cref="WorkItemOpened"/>, or the one a completion carries when it opened the
    /// next step in its commit): the timeline shows it as started (and due).
    /// </summary>
    public static async Task RecordOpeningAsync(AcceptanceDbContext db, WorkItemOpened opened, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(db, opened.WorkItemId, opened.ApplicationId, opened.Step, opened.Department, opened.Round, cancellationToken);
        entry.Round = opened.Round;
        entry.OpenedAt = opened.OpenedAt;
        // A resume (which moves the due) or the completion may have arrived first; theirs is the later due.
        if (entry.DueAt is null)
        {
            entry.DueAt = opened.DueAt;
            entry.DueAssumedYears = opened.DueAssumedYears ?? [];
        }
        entry.Assignee ??= opened.Assignee;
    }

    /// <summary>The pause a work item began at <paramref name="pausedAt"/>, created by whichever of its events arrives first.</summary>
    public static async Task<TimelinePause> PauseAsync(
        AcceptanceDbContext db, Guid workItemId, DateTimeOffset pausedAt, CancellationToken cancellationToken)
    {
        var pause = await PauseOf(db, workItemId, pausedAt, cancellationToken);
        if (pause is null)
        {
            pause = new TimelinePause { WorkItemId = workItemId, PausedAt = pausedAt };
            db.TimelinePauses.Add(pause);
        }
        return pause;
    }
}
