using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Apis;

public sealed record WorkItemDto(
    Guid Id,
    Guid ApplicationId,
    string ApplicationNumber,
    string Step,
    string Department,
    int Round,
    string Status,
    string? Assignee,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? DueAt,
    IReadOnlyList<int> DueAssumedYears,
    int? LimitWorkingDays,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    StepOutcome? Outcome,
    IReadOnlyList<PauseDto> Pauses,
    Guid Version)
{
    public static WorkItemDto From(WorkItem item) => new(
        item.Id, item.ApplicationId, item.ApplicationNumber, item.Step.ToString(), item.Department.ToString(), item.Round,
        item.Status.ToString(), item.Assignee, item.OpenedAt, item.ClaimedAt, item.DueAt, item.DueAssumedYears, item.LimitWorkingDays,
        item.CompletedAt, item.CompletedBy, item.Outcome,
        item.Pauses.OrderBy(p => p.PausedAt).Select(p => new PauseDto(p.Reason, p.PausedBy, p.PausedAt, p.ResumedAt)).ToArray(),
        item.Version);
}

public sealed record PauseDto(string Reason, string PausedBy, DateTimeOffset PausedAt, DateTimeOffset? ResumedAt);
