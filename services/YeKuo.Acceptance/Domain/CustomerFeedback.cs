namespace YeKuo.Acceptance.Domain;

public enum FeedbackKind
{
    /// <summary>投诉.</summary>
    Complaint,

    /// <summary>满意度评价 (1–5), the customer's own.</summary>
    Satisfaction,

    /// <summary>回访 by customer service: 服务态度 (<see cref="CustomerFeedback.Score"/>), speed and charges, 1–5 each.</summary>
    Visit,
}

/// <summary>What the customer said about an application: a complaint, their own satisfaction score, or the 回访's scores.</summary>
public sealed class CustomerFeedback
{
    /// <summary>The complaint's or follow-up's id when the event carries one (so later events find it), else the event's message id.</summary>
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public FeedbackKind Kind { get; set; }

    /// <summary>1–5: the satisfaction score, or the 服务态度评分 of a <see cref="FeedbackKind.Visit"/>.</summary>
    public int? Score { get; set; }

    /// <summary>A 回访's satisfaction with the speed (1–5).</summary>
    public int? SpeedScore { get; set; }

    /// <summary>A 回访's satisfaction with the charges (1–5).</summary>
    public int? ChargesScore { get; set; }

    /// <summary>The department owning a complaint (投诉率 by department); null when the publisher did not say.</summary>
    public string? Department { get; set; }

    /// <summary>When <see cref="Department"/> was set: a reassignment and the recording may arrive in any order, the latest wins.</summary>
    public DateTimeOffset? DepartmentAt { get; set; }

    /// <summary>The complaint's category (Timeliness, ServiceAttitude, ...); the text stays with Notification.</summary>
    public string? Category { get; set; }

    public DateTimeOffset At { get; set; }
}
