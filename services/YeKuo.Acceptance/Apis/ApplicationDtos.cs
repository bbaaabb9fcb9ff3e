using YeKuo.Acceptance.Domain;

namespace YeKuo.Acceptance.Apis;

public sealed record ApplicationSummary(
    Guid Id, string Number, string CustomerClass, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt, string? CustomerManager);

public sealed record ApplicationDetails(
    Guid Id,
    string Number,
    string CustomerId,
    string CustomerName,
    string CustomerClass,
    string ContactPhone,
    string Address,
    decimal CapacityKva,
    decimal VoltageKv,
    int SourceCount,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    string? ClosingReason,
    string? PolicyVersion,
    string? CustomerManager,
    IReadOnlyList<string> Plan,
    IReadOnlyList<TimelineStep> Timeline);

/// <summary>One step round on the timeline: who, when, due, and whether the company was on time.</summary>
public sealed record TimelineStep(
    string Step,
    string StepName,
    string Department,
    int Round,
    string? Assignee,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    bool? OnTime,
    IReadOnlyDictionary<string, string> Outcome);

public sealed record WithdrawRequest(string? Reason);

public sealed record RejectRequest(IReadOnlyList<string>? Reasons);

internal static class ApplicationDtoMapping
{
    public static ApplicationSummary ToSummary(this Application a) => new(
        a.Id, a.Number, a.CustomerClass.ToString(), a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.CustomerManager);

    public static ApplicationDetails ToDetails(this Application a, IEnumerable<TimelineEntry> timeline) => new(
        a.Id, a.Number, a.CustomerId, a.CustomerName, a.CustomerClass.ToString(), IdentityNumbers.Mask(a.ContactPhone), a.Address,
        a.CapacityKva, a.VoltageKv, a.SourceCount, a.Status.ToString(), a.SubmittedAt, a.AcceptedAt, a.ClosedAt, a.ClosingReason,
        a.PolicyVersion, a.CustomerManager, a.Plan.Select(s => s.ToString()).ToArray(),
        timeline
            .OrderBy(e => e.OpenedAt ?? e.CompletedAt)
            .ThenBy(e => e.Step)
            .ThenBy(e => e.Round)
            .Select(e => new TimelineStep(
                e.Step.ToString(), StepNames.Of(e.Step), e.Department.ToString(), e.Round, e.Assignee, e.OpenedAt, e.DueAt,
                e.CompletedAt, e.CompletedBy,
                e.CompletedAt is { } done && e.DueAt is { } due ? done <= due : null,
                e.Outcome))
            .ToArray());
}
