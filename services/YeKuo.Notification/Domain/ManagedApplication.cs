namespace YeKuo.Notification.Domain;

/// <summary>
/// An application's customer and 客户经理 as this service last heard them (from <c>ApplicationAccepted</c>): what the
/// ownership rule of every endpoint needs to let a 客户经理 see their own customers' notices, follow-ups, complaints
/// and staff notices, and nobody else's.
/// </summary>
public sealed class ManagedApplication
{
    private ManagedApplication()
    {
    }

    public Guid ApplicationId { get; private set; }

    public string CustomerId { get; private set; } = "";

    public string CustomerManager { get; private set; } = "";

    /// <summary>When the event naming this manager happened; an older event never replaces a newer one.</summary>
    public DateTimeOffset Since { get; private set; }

    public static ManagedApplication Create(Guid applicationId, string customerId, string customerManager, DateTimeOffset since) => new()
    {
        ApplicationId = applicationId,
        CustomerId = customerId,
        CustomerManager = customerManager,
        Since = since,
    };

    /// <summary>A later event names another manager (events may arrive in any order).</summary>
    public void Assign(string customerManager, DateTimeOffset since)
    {
        if (since >= Since)
        {
            CustomerManager = customerManager;
            Since = since;
        }
    }
}
