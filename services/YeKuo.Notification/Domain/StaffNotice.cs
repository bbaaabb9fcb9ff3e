using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Notification.Domain;

/// <summary>
/// A staff notice (员工通知) in a staff member's or a department's in-app inbox: a 超时预警 of a work item, its
/// escalation to the department head, or a late review opinion. Identified by the work item, the kind (warning level,
/// escalation, late opinion), the audience (责任人, 客户经理, head) and the department it addresses, so one warning yields one notice per audience however often, and under whichever
/// message id, it arrives.
/// </summary>
public sealed class StaffNotice
{
    private StaffNotice()
    {
    }

    public Guid Id { get; private set; }

    public Guid WorkItemId { get; private set; }

    public StaffNoticeKind Kind { get; private set; }

    /// <summary>Whom it addresses: the 责任人 (or queue), the 客户经理, or the department head.</summary>
    public StaffNoticeAudience Audience { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public Step Step { get; private set; }

    /// <summary>The department owning the work item.</summary>
    public Department Department { get; private set; }

    /// <summary>Who the notice is for: the assignee (责任人), the department head for an escalation, or null for the department's queue.</summary>
    public string? Recipient { get; private set; }

    /// <summary>The work item's assignee when the notice was raised; null when nobody had claimed it.</summary>
    public string? Assignee { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>When the warning or escalation was raised (the event's time).</summary>
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>When this service recorded it.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>超时处理: when the head recorded what was done about the escalation.</summary>
    public DateTimeOffset? HandledAt { get; private set; }

    public string? HandledBy { get; private set; }

    public string? HandlingAction { get; private set; }

    /// <summary>When SMS/e-mail were handed to their senders (only when staff channels are configured).</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    public int DeliveryAttempts { get; private set; }

    /// <summary>Concurrency token: changes when the notice is handled, so two heads cannot both handle it.</summary>
    public int Version { get; private set; }

    public bool IsHandled => HandledAt is not null;

    public static StaffNotice Warning(DeadlineWarningRaised facts, DateTimeOffset now)
    {
        var kind = StaffNoticeKinds.WarningOf(facts.Level);
        var recipient = string.IsNullOrWhiteSpace(facts.Assignee) ? null : facts.Assignee.Trim();
        return new StaffNotice
        {
            Id = Guid.CreateVersion7(now),
            WorkItemId = facts.WorkItemId,
            Kind = kind,
            ApplicationId = facts.ApplicationId,
            ApplicationNumber = facts.ApplicationNumber,
            Step = facts.Step,
            Department = facts.Department,
            Recipient = recipient,
            Assignee = recipient,
            DueAt = facts.DueAt,
            RaisedAt = facts.RaisedAt,
            CreatedAt = now,
            Title = StaffNoticeText.WarningTitle(facts.Level),
            Body = StaffNoticeText.WarningBody(facts.Level, facts.ApplicationNumber, facts.Step, recipient, facts.DueAt, facts.DueAssumedYears),
        };
    }

    /// <summary>
    /// The same warning for the application's 客户经理 (seed 003: the project manager learns first and talks to the
    /// 责任人), named in the body.
    /// </summary>
    public static StaffNotice ManagerWarning(DeadlineWarningRaised facts, string customerManager, DateTimeOffset now)
    {
        var assignee = string.IsNullOrWhiteSpace(facts.Assignee) ? null : facts.Assignee.Trim();
        return new StaffNotice
        {
            Id = Guid.CreateVersion7(now),
            WorkItemId = facts.WorkItemId,
            Kind = StaffNoticeKinds.WarningOf(facts.Level),
            Audience = StaffNoticeAudience.CustomerManager,
            ApplicationId = facts.ApplicationId,
            ApplicationNumber = facts.ApplicationNumber,
            Step = facts.Step,
            Department = facts.Department,
            Recipient = customerManager,
            Assignee = assignee,
            DueAt = facts.DueAt,
            RaisedAt = facts.RaisedAt,
            CreatedAt = now,
            Title = StaffNoticeText.ManagerWarningTitle(facts.Level),
            Body = StaffNoticeText.ManagerWarningBody(facts.Level, facts.ApplicationNumber, facts.Step, facts.Department, assignee, facts.DueAt, facts.DueAssumedYears),
        };
    }

    /// <summary>
    /// The 超时 warning an escalation implies, for the 客户经理: made from the escalation when the overdue warning
    /// itself has not arrived yet (the relay may publish them in either order), so the manager still hears first.
    /// </summary>
    public static StaffNotice ManagerWarning(WorkItemEscalated facts, string customerManager, DateTimeOffset now) => ManagerWarning(
        new DeadlineWarningRaised(facts.WorkItemId, facts.ApplicationId, facts.ApplicationNumber, facts.Step, facts.Department,
            facts.Assignee, DeadlineLevel.Overdue, facts.DueAt, facts.EscalatedAt, facts.DueAssumedYears),
        customerManager, now);

    public static StaffNotice Escalation(WorkItemEscalated facts, DateTimeOffset now)
    {
        var assignee = string.IsNullOrWhiteSpace(facts.Assignee) ? null : facts.Assignee.Trim();
        return new StaffNotice
        {
            Id = Guid.CreateVersion7(now),
            WorkItemId = facts.WorkItemId,
            Kind = StaffNoticeKind.Escalation,
            Audience = StaffNoticeAudience.DepartmentHead,
            ApplicationId = facts.ApplicationId,
            ApplicationNumber = facts.ApplicationNumber,
            Step = facts.Step,
            Department = facts.Department,
            Recipient = facts.DepartmentHead.Trim(),
            Assignee = assignee,
            DueAt = facts.DueAt,
            RaisedAt = facts.EscalatedAt,
            CreatedAt = now,
            Title = StaffNoticeText.EscalationTitle(facts.Step),
            Body = StaffNoticeText.EscalationBody(facts.ApplicationNumber, facts.Step, assignee, facts.DueAt, facts.DueAssumedYears),
        };
    }

    /// <summary>
    /// A late review opinion (并行审批), for the reviewing department's queue (<see cref="StaffNoticeAudience.Responsible"/>:
    /// whoever of its staff gives the opinion) or its head. Keyed by the 供电方案答复 work item (one revision per round), the
    /// kind, the audience and the reviewing department, so each department of a revision hears of it once.
    /// </summary>
    public static StaffNotice LateOpinion(SchemeReviewOpinionOverdue facts, StaffNoticeAudience audience, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        WorkItemId = facts.SchemeReplyWorkItemId,
        Kind = StaffNoticeKind.LateReviewOpinion,
        Audience = audience,
        ApplicationId = facts.ApplicationId,
        ApplicationNumber = facts.ApplicationNumber,
        Step = Step.SchemeReply,
        Department = facts.ReviewerDepartment,
        Recipient = audience == StaffNoticeAudience.DepartmentHead ? facts.DepartmentHead.Trim() : null,
        DueAt = facts.DueAt,
        RaisedAt = facts.RaisedAt,
        CreatedAt = now,
        Title = StaffNoticeText.LateOpinionTitle(facts.ReviewerDepartment, audience == StaffNoticeAudience.DepartmentHead),
        Body = StaffNoticeText.LateOpinionBody(facts.ApplicationNumber, facts.Revision, facts.ReviewerDepartment, facts.DueAt,
            audience == StaffNoticeAudience.DepartmentHead),
    };

    /// <summary>Marks the notice read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary>Records the 超时处理 of an escalation, once.</summary>
    public void Handle(string handledBy, string action, DateTimeOffset now)
    {
        if (Kind != StaffNoticeKind.Escalation)
        {
            throw new StaffNoticeRuleException("Only an escalation is handled; a warning is only read.");
        }
        if (IsHandled)
        {
            throw new StaffNoticeRuleException($"The escalation was already handled by {HandledBy}.");
        }
        HandledAt = now;
        HandledBy = handledBy;
        HandlingAction = action;
        ReadAt ??= now;
        Version++;
    }

    public void MarkDelivered(DateTimeOffset now)
    {
        DeliveryAttempts++;
        DeliveredAt ??= now;
    }

    public void DeliveryFailed() => DeliveryAttempts++;
}

/// <summary>A staff notice does not allow the change (e.g. handling a warning, or handling twice).</summary>
public sealed class StaffNoticeRuleException(string message) : Exception(message);
