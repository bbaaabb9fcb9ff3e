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
}
