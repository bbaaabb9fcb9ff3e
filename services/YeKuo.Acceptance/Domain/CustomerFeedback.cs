namespace YeKuo.Acceptance.Domain;

public enum FeedbackKind
{
    /// <summary>投诉.</summary>
    Complaint,

    /// <summary>满意度评价 (1–5).</summary>
    Satisfaction,
}

/// <summary>What the customer said about an application in the 回访: a complaint or a satisfaction score.</summary>
public sealed class CustomerFeedback
{
    /// <summary>The message id of the event that reported it.</summary>
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public FeedbackKind Kind { get; set; }

    /// <summary>1–5 for <see cref="FeedbackKind.Satisfaction"/>.</summary>
    public int? Score { get; set; }

    /// <summary>The complaint's category (Timeliness, ServiceAttitude, ...); the text stays with Notification.</summary>
    public string? Category { get; set; }

    public DateTimeOffset At { get; set; }
}
