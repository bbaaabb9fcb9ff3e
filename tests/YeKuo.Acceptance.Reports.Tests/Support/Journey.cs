using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Reports.Tests.Support;

/// <summary>One application's events as the departments publish them; each (step, round) is one work item.</summary>
public sealed class Journey
{
    private readonly Dictionary<(Step, int), (Guid Id, DateTimeOffset OpenedAt, DateTimeOffset? DueAt)> _items = new();

    public Journey(CustomerClass customerClass, string policyVersion)
    {
        CustomerClass = customerClass;
        PolicyVersion = policyVersion;
        Plan = TimeLimitPolicyBook.LoadDefault().ForVersion(policyVersion).StepsFor(customerClass);
    }

    public Guid ApplicationId { get; set; }

    public string ApplicationNumber { get; } = $"YK2026{Random.Shared.NextInt64(10_000_000_000):D10}";

    public string CustomerId { get; } = $"cust-{Guid.NewGuid():N}"[..16];

    public CustomerClass CustomerClass { get; }

    public string PolicyVersion { get; }

    public IReadOnlyList<Step> Plan { get; }

    public Guid WorkItemOf(Step step, int round = 1) => _items[(step, round)].Id;

    public WorkItemOpened Opened(Step step, DateTimeOffset at, DateTimeOffset? dueAt, int round = 1, string? assignee = null)
    {
        var id = Guid.NewGuid();
        _items[(step, round)] = (id, at, dueAt);
        return new WorkItemOpened(id, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, round, assignee, at, dueAt);
    }

    public StepCompleted Completed(Step step, DateTimeOffset at, int round = 1, string by = "staff-1", DateTimeOffset? dueAt = null, StepOutcome? outcome = null)
    {
        var (id, openedAt, due) = _items[(step, round)];
        return new StepCompleted(id, ApplicationId, ApplicationNumber, CustomerId, CustomerClass, PolicyVersion, step,
            StepCatalogue.Of(step).Responsible, round, by, openedAt, at, dueAt ?? due, Plan, outcome ?? TestOutcomes.For(step));
    }

    /// <summary>Opened at <paramref name="from"/>, completed at <paramref name="to"/>.</summary>
    public object[] Step(Step step, DateTimeOffset from, DateTimeOffset to, DateTimeOffset? dueAt) =>
        [Opened(step, from, dueAt), Completed(step, to)];

    public WorkItemPaused Paused(Step step, DateTimeOffset at, string reason, int round = 1) =>
        new(_items[(step, round)].Id, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, reason, at);

    public WorkItemResumed Resumed(Step step, DateTimeOffset pausedAt, DateTimeOffset at, DateTimeOffset? dueAt, int round = 1)
    {
        var (id, openedAt, _) = _items[(step, round)];
        _items[(step, round)] = (id, openedAt, dueAt);
        return new WorkItemResumed(id, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, pausedAt, at, dueAt);
    }

    public WorkItemClaimed Claimed(Step step, string assignee, DateTimeOffset at, int round = 1) =>
        new(_items[(step, round)].Id, ApplicationId, ApplicationNumber, step, StepCatalogue.Of(step).Responsible, assignee, at);

    public PowerConnected PowerConnected(DateTimeOffset at) => new(ApplicationId, ApplicationNumber, CustomerId, "3300123456", at);

    public ComplaintRecorded Complaint(string category, DateTimeOffset at, Guid? complaintId = null, string? owner = null) =>
        new(ApplicationId, ApplicationNumber, category, at, complaintId, owner);

    public ComplaintReassigned Reassigned(Guid complaintId, string owner, DateTimeOffset at) => new(complaintId, ApplicationId, ApplicationNumber, owner, at);

    public FollowUpVisited Visited(int attitude, int speed, int charges, DateTimeOffset at) =>
        new(Guid.NewGuid(), ApplicationId, ApplicationNumber, "Phone", attitude, speed, charges, OnTime: true, at);

    public SatisfactionRated Rated(int score, DateTimeOffset at) => new(ApplicationId, ApplicationNumber, score, at);
}

/// <summary>Instants in China time (UTC+8) for readable test data.</summary>
public static class China
{
    public static DateTimeOffset At(int month, int day, int hour) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>24:00 China time at the end of the day: how dues are expressed.</summary>
    public static DateTimeOffset EndOf(int month, int day) => At(month, day, 0).AddDays(1);
}
