namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>A customer-caused wait (客户原因): the company is not judged on this time.</summary>
public sealed class WorkItemPause
{
    public Guid Id { get; set; }

    public Guid WorkItemId { get; set; }

    public required string Reason { get; set; }

    public required string PausedBy { get; set; }

    public DateTimeOffset PausedAt { get; set; }

    public DateTimeOffset? ResumedAt { get; set; }
}
