using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Fees;
using YeKuo.Contracts;
using YeKuo.Workflow.Fees;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// Where an active application waits now and since when: a department's open step (with its due), the customer's open
/// step (customer time: no due, never judged), or the handoff to the next step. Shown on the timeline, the progress
/// page, the 客户经理's worklist and the Gantt chart alike.
/// </summary>
/// <param name="WaitingOn">The department, or <c>Customer</c>.</param>
/// <param name="WorkingDays">Working days since <paramref name="Since"/> (the start day not counted).</param>
/// <param name="Awaiting">
/// What the customer is waited on for when it is no step of theirs: <c>ChargesPayment</c> while the step after the contract
/// (装表接电, <see cref="ChargesPayment.OpensOncePaid"/> in <see cref="Step"/>) is held until the charges are paid.
/// </param>
/// <param name="AmountDue">With <c>ChargesPayment</c>: what is still to pay (yuan).</param>
public sealed record WaitView(
    string WaitingOn,
    string? Step,
    string? StepName,
    int Round,
    string? Assignee,
    DateTimeOffset? Since,
    int? WorkingDays,
    double? Hours,
    DateTimeOffset? DueAt,
    IReadOnlyList<int> DueAssumedYears,
    bool CustomerTime,
    bool Paused,
    bool Overdue,
    string? Awaiting = null,
    decimal? AmountDue = null);

public static class CurrentWait
{
    /// <summary>The wait of an active application (null when it is closed).</summary>
    /// <param name="pausedNow">Work items paused right now (客户原因).</param>
    /// <param name="charges">The application's charges (Acceptance's fees record): while some are unpaid, the handoff to the
    /// step that opens only once paid waits on the customer (缴费), not on that step's department.</param>
    public static WaitView? Of(
        Application application, IReadOnlyList<TimelineEntry> timeline, IReadOnlySet<Guid> pausedNow, DateTimeOffset now, StepRecords records,
        ApplicationCost? charges = null)
    {
        if (!application.IsActive)
        {
            return null;
        }
        var current = timeline.Where(e => e.CompletedAt is null && e.OpenedAt is not null).MaxBy(e => e.OpenedAt);
        if (current is not null)
        {
            var definition = StepCatalogue.Of(current.Step);
            var paused = pausedNow.Contains(current.WorkItemId);
            return new WaitView(
                definition.Responsible.ToString(), current.Step.ToString(), definition.ChineseName, current.Round, current.Assignee,
                current.OpenedAt, records.WorkingDaysBetween(current.OpenedAt!.Value, now), Hours(current.OpenedAt.Value, now),
                current.DueAt, current.DueAssumedYears, definition.IsCustomerStep, paused, !paused && current.DueAt < now);
        }

        // Between two steps: the next department has not opened its work item yet.
        var last = timeline.Where(e => e.CompletedAt is not null).MaxBy(e => e.CompletedAt);
        Step? next = last is null ? application.Plan.FirstOrDefault() : Plans.OpensAfter(application.Plan, last.Step, last.Outcome);
        var since = last?.CompletedAt ?? application.AcceptedAt ?? application.SubmittedAt;
        var nextDefinition = next is { } n ? StepCatalogue.Of(n) : null;
        if (next == ChargesPayment.OpensOncePaid && charges is { IsAssessed: true, Balance: > 0m } owed)
        {
            // Metering holds the handoff until the charges are paid (its payment gate): the customer's time, as the pause
            // it becomes on the step once released (客户原因: 待缴费).
            return new WaitView(
                nameof(Department.Customer), next.ToString(), ChargesPayment.ChineseName, 0, null,
                since, records.WorkingDaysBetween(since, now), Hours(since, now), null, [], CustomerTime: true, Paused: false, Overdue: false,
                ChargesPayment.Activity, owed.Balance);
        }
        return new WaitView(
            nextDefinition?.Responsible.ToString() ?? "", next?.ToString(), nextDefinition?.ChineseName, 0, null,
            since, records.WorkingDaysBetween(since, now), Hours(since, now), null, [], nextDefinition?.IsCustomerStep ?? false, false, false);
    }

    private static double Hours(DateTimeOffset since, DateTimeOffset now) => Math.Round(Math.Max(0, (now - since).TotalHours), 2);
}
