using YeKuo.Contracts;

namespace YeKuo.Acceptance.Domain;

/// <summary>
/// A 超时预警 a department raised on one of the application's work items (<c>DeadlineWarningRaised</c>), kept for the
/// 客户经理's worklist and the figures per 责任人. One row per work item and level, however often the warning arrives.
/// </summary>
public sealed class StepWarning
{
    public Guid WorkItemId { get; set; }

    public DeadlineLevel Level { get; set; }

    public Guid ApplicationId { get; set; }

    public Step Step { get; set; }

    public Department Department { get; set; }

    /// <summary>The work item's 责任人 when it was raised; null while nobody had claimed it.</summary>
    public string? Assignee { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
}
