namespace YeKuo.Acceptance.Domain;

/// <summary>The audit of one change of a customer's 客户经理: from whom to whom, by whom, when and why (追溯).</summary>
public sealed class CustomerManagerChange
{
    private CustomerManagerChange()
    {
    }

    public Guid Id { get; private set; }

    public string CustomerId { get; private set; } = "";

    public string PreviousManager { get; private set; } = "";

    public string CustomerManager { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string ChangedBy { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    internal static CustomerManagerChange Record(
        string customerId, string previous, string next, string reason, string changedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerId = customerId,
        PreviousManager = previous,
        CustomerManager = next,
        Reason = reason,
        ChangedBy = changedBy,
        ChangedAt = now,
    };
}
