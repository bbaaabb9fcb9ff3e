using System.Diagnostics;
using System.Linq.Expressions;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Deadlines;

namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>
/// One department's task for one step of one application (a round: a failed inspection opens the next round).
/// Has a 责任人 once claimed, a due date from the time-limit policy, and keeps who did what and when.
/// </summary>
public sealed class WorkItem
{
    private readonly List<WorkItemPause> _pauses = [];

    private WorkItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public string CustomerId { get; private set; } = "";

    public CustomerClass CustomerClass { get; private set; }

    public string PolicyVersion { get; private set; } = "";

    public Step Step { get; private set; }

    public Department Department { get; private set; }

    public int Round { get; private set; }

    /// <summary>The application's ordered step set, carried along so the next department can be found without a lookup.</summary>
    public IReadOnlyList<Step> Plan { get; private set; } = [];

    public WorkItemStatus Status { get; private set; }

    /// <summary>责任人.</summary>
    public string? Assignee { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    /// <summary>When the step's clock started; steps sharing a clock (现场勘查 → 方案答复) keep the first step's start.</summary>
    public DateTimeOffset? ClockStartedAt { get; private set; }

    /// <summary>The working-day limit applied (null: the step is not judged, e.g. the customer's own step).</summary>
    public int? LimitWorkingDays { get; private set; }

    /// <summary>When the company's time runs out; moved later by pauses.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Years <see cref="DueAt"/> was computed for without a published holiday notice (weekends only): the due is provisional.</summary>
    public IReadOnlyList<int> DueAssumedYears { get; private set; } = [];

    /// <summary>What completing the step recorded (typed per step family); null until completed.</summary>
    public StepOutcome? Outcome { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>
    /// W3C traceparent of the activity that opened the work item (the consumer span of the handoff, or the request that
    /// opened it): the request completing the step days later links to it, so the step's trace leads back to its handoff.
    /// </summary>
    public string? OpenedTraceParent { get; private set; }

    /// <summary>Optimistic concurrency token, renewed on every change (works on SQLite as on SQL Server).</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<WorkItemPause> Pauses => _pauses;

    public bool IsOpen => Status is WorkItemStatus.Open or WorkItemStatus.InProgress or WorkItemStatus.Paused;

    /// <summary><see cref="IsOpen"/> in a query, spelled out so that SQLite uses the partial index of open work items.</summary>
    public static readonly Expression<Func<WorkItem, bool>> OpenInQuery =
        w => w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.InProgress || w.Status == WorkItemStatus.Paused;

    public static WorkItem Open(
        Guid applicationId, string applicationNumber, string customerId, CustomerClass customerClass, string policyVersion,
        Step step, Department department, int round, IReadOnlyList<Step> plan, DateTimeOffset openedAt,
        StepDeadline deadline, string? assignee = null) => new()
    {
        Id = Guid.CreateVersion7(openedAt),
        ApplicationId = applicationId,
        ApplicationNumber = applicationNumber,
        CustomerId = customerId,
        CustomerClass = customerClass,
        PolicyVersion = policyVersion,
        Step = step,
        Department = department,
        Round = round,
        Plan = plan.ToArray(),
        Status = assignee is null ? WorkItemStatus.Open : WorkItemStatus.InProgress,
        Assignee = assignee,
        ClaimedAt = assignee is null ? null : openedAt,
        OpenedAt = openedAt,
        ClockStartedAt = deadline.ClockStartedAt,
        LimitWorkingDays = deadline.LimitWorkingDays,
        DueAt = deadline.DueAt,
        DueAssumedYears = deadline.AssumedYears.ToArray(),
        OpenedTraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } opening ? opening.Id : null,
        Version = Guid.NewGuid(),
    };

    public void Claim(string user, DateTimeOffset now)
    {
        Require(Status == WorkItemStatus.Open, $"only an open work item can be claimed; this one is {Status}");
        Assignee = user;
        ClaimedAt = now;
        Status = WorkItemStatus.InProgress;
        Touch();
    }

    public void Reassign(string to, DateTimeOffset now)
    {
        Require(IsOpen, $"a {Status} work item cannot be reassigned");
        Assignee = to;
        ClaimedAt ??= now;
        if (Status == WorkItemStatus.Open)
        {
            Status = WorkItemStatus.InProgress;
        }
        Touch();
    }

    public void Complete(string user, DateTimeOffset now, StepOutcome outcome)
    {
        Require(Status is WorkItemStatus.Open or WorkItemStatus.InProgress,
            Status == WorkItemStatus.Paused ? "resume the work item before completing it" : $"the work item is already {Status}");
        Assignee ??= user;
        ClaimedAt ??= now;
        CompletedBy = user;
        CompletedAt = now;
        Outcome = outcome;
        Status = WorkItemStatus.Completed;
        Touch();
    }

    public void Pause(string reason, string user, DateTimeOffset now)
    {
        Require(Status is WorkItemStatus.Open or WorkItemStatus.InProgress, $"a {Status} work item cannot be paused");
        _pauses.Add(new WorkItemPause { Id = Guid.NewGuid(), WorkItemId = Id, Reason = reason, PausedBy = user, PausedAt = now });
        Status = WorkItemStatus.Paused;
        Touch();
    }

    /// <summary>
    /// Ends the open pause; <paramref name="newDueAt"/> is the due date moved by the paused working time (with the
    /// years it was computed for without holiday data, when known).
    /// </summary>
    public void Resume(DateTimeOffset now, DateTimeOffset? newDueAt, IReadOnlyList<int>? dueAssumedYears = null)
    {
        Require(Status == WorkItemStatus.Paused, "only a paused work item can be resumed");
        _pauses.Single(p => p.ResumedAt is null).ResumedAt = now;
        Status = Assignee is null ? WorkItemStatus.Open : WorkItemStatus.InProgress;
        DueAt = newDueAt;
        DueAssumedYears = dueAssumedYears?.ToArray() ?? DueAssumedYears;
        Touch();
    }

    /// <summary>
    /// Records customer time inside this step's clock before it opened (接入系统设计 within 方案答复) as a closed pause,
    /// so the clock, its resumes and supervision leave it out as any other customer wait.
    /// </summary>
    public WorkItemPause RecordCustomerTime(DateTimeOffset from, DateTimeOffset to, string reason, string customer)
    {
        Require(from <= to && to <= OpenedAt, "customer time recorded on a step is the time before it opened");
        var pause = new WorkItemPause { Id = Guid.NewGuid(), WorkItemId = Id, Reason = reason, PausedBy = customer, PausedAt = from, ResumedAt = to };
        _pauses.Add(pause);
        Touch();
        return pause;
    }

    public void Cancel(string reason, DateTimeOffset now)
    {
        Require(IsOpen, $"a {Status} work item cannot be cancelled");
        CancelReason = reason;
        CompletedAt = now;
        Status = WorkItemStatus.Cancelled;
        Touch();
    }

    private void Touch() => Version = Guid.NewGuid();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new WorkItemRuleException(message);
        }
    }
}
