namespace YeKuo.Acceptance.Domain;

/// <summary>
/// A stretch in which a department's step waited on the customer (客户原因: 资料不全, 联系不上, 设计施工): the company's
/// clock stood still. Built from <c>WorkItemPaused</c> and <c>WorkItemResumed</c>, which may arrive in either order.
/// </summary>
public sealed class TimelinePause
{
    public Guid WorkItemId { get; set; }

    public DateTimeOffset PausedAt { get; set; }

    public DateTimeOffset? ResumedAt { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The pause as an interval, the form <c>PauseUnion</c> merges (no end while open).</summary>
    public (DateTimeOffset Start, DateTimeOffset? End) Interval => (PausedAt, ResumedAt);

    /// <summary>Calendar time paused up to <paramref name="now"/> (an open pause runs until now).</summary>
    public TimeSpan DurationUntil(DateTimeOffset now)
    {
        var end = ResumedAt ?? now;
        return end > PausedAt ? end - PausedAt : TimeSpan.Zero;
    }
}
