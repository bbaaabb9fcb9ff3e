namespace YeKuo.Workflow.Hosting.Domain;

public enum WorkItemStatus
{
    /// <summary>Waiting for someone to take it.</summary>
    Open,

    /// <summary>Claimed by its 责任人.</summary>
    InProgress,

    /// <summary>Waiting on the customer; the company's clock is stopped.</summary>
    Paused,

    Completed,

    /// <summary>Closed without completion (withdrawn or rejected application).</summary>
    Cancelled,
}
