using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;

namespace YeKuo.Notification.Tests;

/// <summary>Events of one high-voltage application, as the other departments publish them.</summary>
public sealed class Events
{
    private static readonly Step[] FullPlan =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation, Step.DesignReview,
        Step.IntermediateInspection, Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
    ];

    public static readonly DateTimeOffset At = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public Guid ApplicationId { get; } = Guid.NewGuid();

    public string ApplicationNumber { get; } = $"YK2026{Random.Shared.NextInt64(10_000_000_000):D10}";

    public string CustomerId { get; } = $"cust-{Guid.NewGuid():N}"[..16];

    public ApplicationSubmitted Submitted() =>
        new(ApplicationId, ApplicationNumber, CustomerId, CustomerClass.HighVoltageSingleSource, At);

    public ApplicationAccepted Accepted(string customerManager) =>
        new(ApplicationId, ApplicationNumber, CustomerId, CustomerClass.HighVoltageSingleSource, 800m, 10m, 1, "YK-TL-2024",
            FullPlan, customerManager, At.AddHours(1));

    public ApplicationRejected Rejected(params string[] reasons) =>
        new(ApplicationId, ApplicationNumber, CustomerId, reasons, "clerk-wu", At);

    public ApplicationWithdrawn Withdrawn(string reason) =>
        new(ApplicationId, ApplicationNumber, CustomerId, reason, At);

    public StepCompleted StepCompleted(Step step, int round = 1, StepOutcome? outcome = null) =>
        new(Guid.NewGuid(), ApplicationId, ApplicationNumber, CustomerId, CustomerClass.HighVoltageSingleSource, "YK-TL-2024",
            step, StepCatalogue.Of(step).Responsible, round, "staff-1", At, At.AddHours(3), At.AddDays(3), FullPlan,
            outcome ?? TestOutcomes.For(step));

    public PowerConnected PowerConnected(string meterNumber = "3300123456") =>
        new(ApplicationId, ApplicationNumber, CustomerId, meterNumber, At.AddDays(30));

    /// <summary>A 超时预警 of one work item of this application (the scanner raises one per level).</summary>
    public DeadlineWarningRaised Warning(Guid workItemId, DeadlineLevel level, string? assignee, Step step = Step.SchemeReply) =>
        new(workItemId, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, assignee, level, At.AddDays(10), At.AddDays(5));

    public WorkItemEscalated Escalated(Guid workItemId, string departmentHead, string? assignee, Step step = Step.SchemeReply) =>
        new(workItemId, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, assignee, departmentHead, At.AddDays(10), At.AddDays(11));
}
