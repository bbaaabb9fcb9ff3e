using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Outbox;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.SupplyScheme.Apis;

/// <summary>
/// A rejected revision goes back to its drafter: the 供电方案答复 round it was drafted in closes (superseded, with
/// the reason) and the next round opens for the same 责任人 on the same clock. The review rejection is the company's
/// own doing, so the due date stays where it was.
/// </summary>
internal static class SchemeRevisions
{
    public static async Task SendBackAsync(
        SupplySchemeDbContext db, IEventOutbox outbox, DeadlinePlanner deadlines, WorkItem round, string reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (round.Status == WorkItemStatus.Paused)
        {
            // The round closes now, so does its pause; the clock gets the paused time back as on a resume.
            var moved = await DeadlineAfterPausesAsync(db, deadlines, round, now, cancellationToken);
            round.Resume(now, moved is null ? round.DueAt : moved.DueAt, moved?.AssumedYears);
            outbox.Enqueue(WorkItemEvents.Resumed(round, round.Pauses.Single(p => p.ResumedAt == now)), round.ApplicationId);
        }

        round.Cancel(Shorten($"方案退回修改 (第 {round.Round} 稿): {reason}", 500), now);
        var next = WorkItem.Open(
            round.ApplicationId, round.ApplicationNumber, round.CustomerId, round.CustomerClass, round.PolicyVersion,
            Step.SchemeReply, round.Department, round.Round + 1, round.Plan, now,
            new StepDeadline(round.ClockStartedAt, round.LimitWorkingDays, round.DueAt, round.DueAssumedYears), assignee: round.Assignee);
        db.WorkItems.Add(next);
        outbox.Enqueue(WorkItemEvents.Opened(next), next.ApplicationId);
    }

    private static async Task<StepDeadline?> DeadlineAfterPausesAsync(
        SupplySchemeDbContext db, DeadlinePlanner deadlines, WorkItem round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (round.ClockStartedAt is not { } start)
        {
            return null;
        }
        // Every pause on this clock counts: 现场勘查 and earlier rounds share it.
        var siblings = await db.WorkItems.AsNoTracking()
            .Where(w => w.ApplicationId == round.ApplicationId && w.Id != round.Id && w.ClockStartedAt == start)
            .ToListAsync(cancellationToken);
        var pauses = siblings.Append(round)
            .SelectMany(w => w.Pauses)
            .Select(p => new PauseInterval(p.PausedAt, p.ResumedAt ?? now, p.Reason));
        return deadlines.For(round.CustomerClass, round.PolicyVersion, round.Step, start, pauses);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
