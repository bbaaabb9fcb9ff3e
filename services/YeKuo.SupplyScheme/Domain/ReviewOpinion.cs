namespace YeKuo.SupplyScheme.Domain;

/// <summary>One reviewing department's opinion on one revision of a supply scheme (who, when, approve or reject, why).</summary>
public sealed class ReviewOpinion
{
    private ReviewOpinion()
    {
    }

    public Guid Id { get; private set; }

    public Guid ReviewId { get; private set; }

    /// <summary>The reviewing department's key (e.g. operations, dispatch, metering, marketing).</summary>
    public string Department { get; private set; } = "";

    public bool Approve { get; private set; }

    public string? Comments { get; private set; }

    public string Reviewer { get; private set; } = "";

    public DateTimeOffset GivenAt { get; private set; }

    internal static ReviewOpinion Give(Guid reviewId, string department, bool approve, string? comments, string reviewer, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        ReviewId = reviewId,
        Department = department,
        Approve = approve,
        Comments = comments,
        Reviewer = reviewer,
        GivenAt = at,
    };
}
