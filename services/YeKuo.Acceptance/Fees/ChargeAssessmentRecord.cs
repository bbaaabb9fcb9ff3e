namespace YeKuo.Acceptance.Fees;

/// <summary>One assessment of an application's charges as <c>ChargesAssessed</c> told it (one per revision of the scheme).</summary>
public sealed class ChargeAssessmentRecord
{
    public Guid ApplicationId { get; set; }

    public int Revision { get; set; }

    public string TariffVersion { get; set; } = "";

    public decimal Total { get; set; }

    public DateTimeOffset AssessedAt { get; set; }
}
