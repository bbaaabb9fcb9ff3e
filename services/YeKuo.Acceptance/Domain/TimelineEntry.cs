using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Acceptance.Domain;

/// <summary>
/// One step round of an application as the departments reported it. Built from <c>WorkItemOpened</c> and
/// <c>StepCompleted</c>, which may arrive in either order; each only fills what it knows.
/// </summary>
public sealed class TimelineEntry
{
    public Guid WorkItemId { get; set; }

    public Guid ApplicationId { get; set; }

    public Step Step { get; set; }

    public Department Department { get; set; }

    public int Round { get; set; }

    public string? Assignee { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Years <see cref="DueAt"/> was computed for without a published holiday notice: the due is provisional.</summary>
    public IReadOnlyList<int> DueAssumedYears { get; set; } = [];

    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>When the current 责任人 took the work item (WorkItemClaimed).</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>What the step recorded (typed per step family); null until completed.</summary>
    public StepOutcome? Outcome { get; set; }
}
