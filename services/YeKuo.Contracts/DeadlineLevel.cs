namespace YeKuo.Contracts;

/// <summary>超时预警 levels of a work item's clock.</summary>
public enum DeadlineLevel
{
    /// <summary>Half of the allowed working time is used.</summary>
    HalfUsed,

    /// <summary>Four fifths of the allowed working time are used.</summary>
    MostlyUsed,

    /// <summary>The due time has passed (超时).</summary>
    Overdue,
}
