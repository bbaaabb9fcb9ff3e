namespace YeKuo.Metering.Fees;

/// <summary>
/// What 计量 knows of an application's charges, from the fee events: the latest assessment's total and what was paid.
/// Enough to tell whether 装表接电 may open; the charges themselves live in 供电方案.
/// </summary>
public sealed class ChargeClearance
{
    public Guid ApplicationId { get; set; }

    /// <summary>The latest assessment's revision (0: none received yet).</summary>
    public int Revision { get; set; }

    public decimal Total { get; set; }

    public decimal Paid { get; set; }

    public bool IsSettled => Revision > 0 && Total - Paid <= 0;

    /// <summary>
    /// Changed by every writer of the clearance and by every hold of a handoff on it (a concurrency token): a fee event and a
    /// hold that read it at the same moment cannot both commit, so the one that read it stale runs again and sees the other.
    /// </summary>
    public Guid Version { get; set; }

    public void Touch() => Version = Guid.NewGuid();
}
