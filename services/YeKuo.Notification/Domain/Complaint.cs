using YeKuo.Workflow.Policies;
using YeKuo.Contracts;

namespace YeKuo.Notification.Domain;

/// <summary>
/// A complaint (投诉) against an application, handled like a work item: routed to an owner department (the department
/// of the step it is about, 客户服务 by default), due within the policy's working-day limit, answered to the customer by
/// that department and closed with its 整改 (rectification) and 问责 (accountability) notes.
/// Received → Assigned → Replied → Closed; overdue is derived from the due.
/// </summary>
public sealed class Complaint
{
    public const int MaxTextLength = 2000;
    public const int MaxReplyLength = 2000;
    public const int MaxNoteLength = 1000;

    /// <summary>Who owns a complaint that names no company step: 客户服务 (customer service).</summary>
    public const Department DefaultOwner = Department.Notification;

    private readonly List<ComplaintAction> _actions = [];

    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    /// <summary>The application's customer account, when this service knows it.</summary>
    public string? CustomerId { get; private set; }

    public ComplaintCategory Category { get; private set; }

    /// <summary>The step the customer complains about, when they named one.</summary>
    public Step? Step { get; private set; }

    /// <summary>What the customer said; kept here only, never published.</summary>
    public string Text { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public ComplaintStatus Status { get; private set; }

    /// <summary>The department that answers and closes it.</summary>
    public Department OwnerDepartment { get; private set; }

    /// <summary>The 责任人 in the owner department, once someone took it.</summary>
    public string? Handler { get; private set; }

    /// <summary>The time-limit document the due comes from.</summary>
    public string PolicyVersion { get; private set; } = "";

    public int LimitWorkingDays { get; private set; }

    /// <summary>Answered and closed by then (end of the N-th working day after it was recorded); a reassignment keeps it.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>The answer the customer reads.</summary>
    public string? Reply { get; private set; }

    public string? RepliedBy { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    /// <summary>整改: what was put right (internal).</summary>
    public string? Rectification { get; private set; }

    /// <summary>问责: who was held responsible and how, or why nobody was (internal).</summary>
    public string? Accountability { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Concurrency token: every change moves it, so two people acting at once cannot both land.</summary>
    public int Version { get; private set; }

    /// <summary>What happened to it, oldest first (load them with the complaint before changing it).</summary>
    public IReadOnlyList<ComplaintAction> Actions => _actions;

    public bool IsOpen => Status != ComplaintStatus.Closed;

    /// <summary>Still open after its due.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now > DueAt;

    /// <summary>
    /// The department hosting the step complained about (for a customer's own step, the department it is filed with, e.g.
    /// 提交设计文件 with Inspection); 客户服务 when no step is named.
    /// </summary>
    public static Department OwnerFor(Step? step) => step is { } s ? StepCatalogue.Of(s).Department : DefaultOwner;

    public static Complaint Record(
        KnownApplication application, ComplaintCategory category, Step? step, string text, string recordedBy, ServiceDeadline deadline, DateTimeOffset now)
    {
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = application.Id,
            ApplicationNumber = application.Number,
            CustomerId = application.CustomerId,
            Category = category,
            Step = step,
            Text = Required(text, MaxTextLength, nameof(text)),
            RecordedAt = now,
            Status = ComplaintStatus.Received,
            OwnerDepartment = OwnerFor(step),
            PolicyVersion = deadline.PolicyVersion,
            LimitWorkingDays = deadline.LimitWorkingDays,
            DueAt = deadline.DueAt,
        };
        complaint.Log(ComplaintActionKind.Recorded, recordedBy, now);
        return complaint;
    }

    /// <summary>A 责任人 of the owner department takes the complaint.</summary>
    public void Claim(string handler, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Received)
        {
            throw new ComplaintRuleException(Status == ComplaintStatus.Assigned
                ? $"The complaint is already taken by {Handler}."
                : $"The complaint is {Status} and cannot be taken.");
        }
        Handler = handler;
        Status = ComplaintStatus.Assigned;
        Log(ComplaintActionKind.Claimed, handler, now);
    }

    /// <summary>
    /// A head or admin hands the complaint to another department, with the reason; it waits there to be taken again.
    /// The due stays: the customer has waited since the complaint was recorded.
    /// </summary>
    public void Reassign(Department to, string reason, string by, DateTimeOffset now)
    {
        reason = Required(reason, ComplaintAction.MaxNoteLength, nameof(reason));
        if (DepartmentCatalogue.Of(to).Service is null)
        {
            throw new ArgumentException("A complaint is owned by a company department, never by the customer.", nameof(to));
        }
        if (Status is ComplaintStatus.Replied or ComplaintStatus.Closed)
        {
            throw new ComplaintRuleException($"The complaint is {Status}: its owner department closes it.");
        }
        if (to == OwnerDepartment)
        {
            throw new ComplaintRuleException($"The complaint is already owned by {to}.");
        }
        OwnerDepartment = to;
        Handler = null;
        Status = ComplaintStatus.Received;
        Log(ComplaintActionKind.Reassigned, by, now, reason);
    }

    /// <summary>The owner department answers the customer, once; whoever answers becomes the 责任人 if nobody was.</summary>
    public void Answer(string reply, string by, DateTimeOffset now)
    {
        reply = Required(reply, MaxReplyLength, nameof(reply));
        if (Status is ComplaintStatus.Replied or ComplaintStatus.Closed)
        {
            throw new ComplaintRuleException($"The complaint was already answered on {RepliedAt:yyyy-MM-dd HH:mm} UTC.");
        }
        Handler ??= by;
        Reply = reply;
        RepliedBy = by;
        RepliedAt = now;
        Status = ComplaintStatus.Replied;
        Log(ComplaintActionKind.Replied, by, now);
    }

    /// <summary>Closes an answered complaint with what was put right (整改) and who answers for it (问责).</summary>
    public void Close(string rectification, string accountability, string by, DateTimeOffset now)
    {
        rectification = Required(rectification, MaxNoteLength, nameof(rectification));
        accountability = Required(accountability, MaxNoteLength, nameof(accountability));
        if (Status != ComplaintStatus.Replied)
        {
            throw new ComplaintRuleException(Status == ComplaintStatus.Closed
                ? "The complaint is already closed."
                : "The complaint must be answered to the customer before it is closed.");
        }
        Rectification = rectification;
        Accountability = accountability;
        ClosedBy = by;
        ClosedAt = now;
        Status = ComplaintStatus.Closed;
        Log(ComplaintActionKind.Closed, by, now);
    }

    private void Log(ComplaintActionKind kind, string actor, DateTimeOffset now, string? note = null)
    {
        _actions.Add(ComplaintAction.Of(Id, _actions.Count + 1, kind, actor, now, OwnerDepartment, note));
        Version++;
    }

    private static string Required(string? value, int maxLength, string name)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new ArgumentException($"{name} is required.", name);
        }
        return trimmed.Length <= maxLength ? trimmed : throw new ArgumentException($"{name} must be at most {maxLength} characters.", name);
    }
}
