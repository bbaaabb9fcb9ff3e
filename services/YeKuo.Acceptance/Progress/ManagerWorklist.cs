using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Progress;

/// <summary>Where one of the 客户经理's applications waits now, in whichever department.</summary>
/// <param name="AgeWorkingDays">Working days since it started waiting there (the start day not counted).</param>
public sealed record WorklistEntry(
    Guid ApplicationId,
    string Number,
    string CustomerName,
    string CustomerClass,
    string? Step,
    string? StepName,
    string? Department,
    string? Assignee,
    DateTimeOffset? WaitingSince,
    DateTimeOffset? DueAt,
    int? AgeWorkingDays,
    bool Paused,
    bool Overdue);

/// <summary>The 客户经理's worklist: their active applications across all departments, soonest due first.</summary>
public sealed class ManagerWorklist(AcceptanceDbContext db, WorkingDayCalendar calendar, TimeProvider time)
{
    public async Task<IReadOnlyList<WorklistEntry>> ForAsync(string manager, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.CustomerManager == manager && a.Status == ApplicationStatus.InProgress)
            .ToListAsync(cancellationToken);
        var ids = applications.Select(a => a.Id).ToArray();
        var timeline = (await db.Timeline.AsNoTracking().Where(e => ids.Contains(e.ApplicationId)).ToListAsync(cancellationToken))
            .ToLookup(e => e.ApplicationId);
        var open = timeline.SelectMany(g => g).Where(e => e.CompletedAt == null).Select(e => e.WorkItemId).ToArray();
        var pauses = (await db.TimelinePauses.AsNoTracking().Where(p => open.Contains(p.WorkItemId) && p.ResumedAt == null).ToListAsync(cancellationToken))
            .Select(p => p.WorkItemId).ToHashSet();

        var now = time.GetUtcNow();
        return applications
            .Select(a => Entry(a, timeline[a.Id].ToArray(), pauses, now))
            .OrderBy(e => e.DueAt is null)
            .ThenBy(e => e.DueAt)
            .ThenBy(e => e.WaitingSince)
            .ThenBy(e => e.Number, StringComparer.Ordinal)
            .ToArray();
    }

    private WorklistEntry Entry(Application a, TimelineEntry[] timeline, HashSet<Guid> paused, DateTimeOffset now)
    {
        var current = timeline.Where(e => e.CompletedAt is null && e.OpenedAt is not null).MaxBy(e => e.OpenedAt);
        if (current is not null)
        {
            var isPaused = paused.Contains(current.WorkItemId);
            return new WorklistEntry(
                a.Id, a.Number, a.CustomerName, a.CustomerClass.ToString(), current.Step.ToString(), StepCatalogue.Of(current.Step).ChineseName,
                current.Department.ToString(), current.Assignee, current.OpenedAt, current.DueAt, Age(current.OpenedAt!.Value, now),
                isPaused, !isPaused && current.DueAt < now);
        }

        // Between two steps: the next department has not opened its work item yet (or the customer is designing/building).
        var last = timeline.Where(e => e.CompletedAt is not null).MaxBy(e => e.CompletedAt);
        Step? next = last is null ? null : Plans.OpensAfter(a.Plan, last.Step, last.Outcome);
        var since = last?.CompletedAt ?? a.AcceptedAt;
        return new WorklistEntry(
            a.Id, a.Number, a.CustomerName, a.CustomerClass.ToString(), next?.ToString(), next is { } n ? StepCatalogue.Of(n).ChineseName : null,
            next is { } s ? StepCatalogue.Of(s).Responsible.ToString() : null, null, since, null, since is { } t ? Age(t, now) : null, false, false);
    }

    private int Age(DateTimeOffset since, DateTimeOffset now) =>
        now <= since ? 0 : calendar.CountWorkingDays(ChinaTime.BusinessDate(since), ChinaTime.BusinessDate(now));
}
