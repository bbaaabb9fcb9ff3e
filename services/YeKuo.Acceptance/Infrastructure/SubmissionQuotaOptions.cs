namespace YeKuo.Acceptance.Infrastructure;

/// <summary><c>Acceptance:Submissions</c>: how many applications one customer may submit in a rolling day.</summary>
public sealed class SubmissionQuotaOptions
{
    public int PerCustomerPerDay { get; set; } = 20;
}
