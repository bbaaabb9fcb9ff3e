namespace YeKuo.Acceptance.Domain;

/// <summary>
/// 客户经理负责制, 一对一 (seed 004): the one manager of a customer (table <c>CustomerManagers</c>, keyed by the
/// customer). Written when the customer's first application is accepted and kept for every later one; changed only by
/// <see cref="Reassign"/> (a head or admin, with a reason, audited in <see cref="CustomerManagerChange"/>).
/// </summary>
public sealed class CustomerManagerAssignment
{
    private CustomerManagerAssignment()
    {
    }

    public string CustomerId { get; private set; } = "";

    public string CustomerManager { get; private set; } = "";

    public DateTimeOffset AssignedAt { get; private set; }

    public Guid Version { get; private set; }

    public static CustomerManagerAssignment First(string customerId, string customerManager, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        CustomerManager = customerManager,
        AssignedAt = now,
        Version = Guid.NewGuid(),
    };

    /// <summary>Hands the customer to <paramref name="customerManager"/>; the audit row says who, when and why.</summary>
    public CustomerManagerChange Reassign(string customerManager, string reason, string changedBy, DateTimeOffset now)
    {
        if (customerManager == CustomerManager)
        {
            throw new ApplicationRuleException($"{customerManager} is already this customer's 客户经理.");
        }
        var change = CustomerManagerChange.Record(CustomerId, CustomerManager, customerManager, reason, changedBy, now);
        CustomerManager = customerManager;
        AssignedAt = now;
        Version = Guid.NewGuid();
        return change;
    }
}
