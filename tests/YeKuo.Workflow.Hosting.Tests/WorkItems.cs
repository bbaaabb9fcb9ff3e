using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Tests;

/// <summary>Builds work items for the domain tests.</summary>
internal static class WorkItems
{
    public static readonly DateTimeOffset OpenedAt = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly Step[] HighVoltagePlan =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation, Step.DesignSubmission, Step.DesignReview,
        Step.IntermediateInspectionRequest, Step.IntermediateInspection, Step.CompletionReport, Step.CompletionAcceptance,
        Step.SupplyContract, Step.PowerConnection,
    ];

    public static readonly InspectionOutcome Passed = new(true, [], null);

    public static WorkItem Open(string? assignee = null, Step step = Step.DesignReview) => WorkItem.Open(
        Guid.NewGuid(), "YK20260302000001", "cust-1", CustomerClass.HighVoltageSingleSource, "YK-TL-2024",
        step, StepCatalogue.Of(step).Responsible, round: 1, HighVoltagePlan, OpenedAt,
        new StepDeadline(OpenedAt, 5, OpenedAt.AddDays(7), []), assignee);

    public static WorkItem InStatus(WorkItemStatus status)
    {
        var item = Open();
        switch (status)
        {
            case WorkItemStatus.Open:
                break;
            case WorkItemStatus.InProgress:
                item.Claim("alice", OpenedAt.AddHours(1));
                break;
            case WorkItemStatus.Paused:
                item.Claim("alice", OpenedAt.AddHours(1));
                item.Pause("客户资料不全", "alice", OpenedAt.AddHours(2));
                break;
            case WorkItemStatus.Completed:
                item.Complete("alice", OpenedAt.AddHours(3), Passed);
                break;
            case WorkItemStatus.Cancelled:
                item.Cancel("客户撤回", OpenedAt.AddHours(3));
                break;
        }
        Assert.Equal(status, item.Status);
        return item;
    }
}
