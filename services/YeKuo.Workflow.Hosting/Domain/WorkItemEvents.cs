using YeKuo.Contracts.Events;

namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>The integration events that describe a work item's changes, built in one place.</summary>
public static class WorkItemEvents
{
    public static WorkItemOpened Opened(WorkItem item) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, item.Round, item.Assignee, item.OpenedAt, item.DueAt,
        item.DueAssumedYears);

    public static WorkItemPaused Paused(WorkItem item, WorkItemPause pause) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, pause.Reason, pause.PausedAt);

    /// <summary>The end of <paramref name="pause"/>, with the item's due as it stands after it.</summary>
    public static WorkItemResumed Resumed(WorkItem item, WorkItemPause pause) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, pause.PausedAt,
        pause.ResumedAt ?? throw new InvalidOperationException("The pause has not ended."), item.DueAt, item.DueAssumedYears);

    public static WorkItemClaimed Claimed(WorkItem item) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.Step, item.Department, item.Assignee!, item.ClaimedAt ?? item.OpenedAt);

    public static StepCompleted Completed(WorkItem item) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.CustomerId, item.CustomerClass, item.PolicyVersion,
        item.Step, item.Department, item.Round, item.CompletedBy ?? item.Assignee ?? "system",
        item.OpenedAt, item.CompletedAt ?? item.OpenedAt, item.DueAt, item.Plan,
        item.Outcome ?? throw new InvalidOperationException($"Work item {item.Id} has no outcome: only a completed item has."), item.ClockStartedAt,
        item.DueAssumedYears);
}
