using YeKuo.Contracts;

namespace YeKuo.Acceptance.Domain;

/// <summary>A customer's 业扩 application (新装, 增容, 变更用电 or 临时用电): who applies, what they need, where it stands.</summary>
public sealed class Application
{
    private Application()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number the customer and every department quote, e.g. YK20261123000042.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The customer account (login subject) that owns the application.</summary>
    public string CustomerId { get; private set; } = "";

    public string CustomerName { get; private set; } = "";

    public CustomerClass CustomerClass { get; private set; }

    /// <summary>统一社会信用代码 for organisations, or 身份证号 for residents; never leaves this service unmasked.</summary>
    public string IdentityNumber { get; private set; } = "";

    public string ContactPhone { get; private set; } = "";

    public string Address { get; private set; } = "";

    /// <summary>新装, 增容, 变更用电 or 临时用电; the plan was chosen for it.</summary>
    public ApplicationKind Kind { get; private set; }

    /// <summary>The existing account (户号) of an 增容 or 变更用电.</summary>
    public string? AccountNumber { get; private set; }

    /// <summary>增容: the account's capacity before the increase (<see cref="CapacityKva"/> is the increase).</summary>
    public decimal? CurrentCapacityKva { get; private set; }

    /// <summary>变更用电: what changes on the account.</summary>
    public IReadOnlyList<UseChange> Changes { get; private set; } = [];

    /// <summary>变更用电: the customer's words on the change.</summary>
    public string? ChangeDescription { get; private set; }

    /// <summary>临时用电: the last day of the temporary supply.</summary>
    public DateOnly? TemporaryUntil { get; private set; }

    /// <summary>临时用电: when the customer was reminded of the end (once).</summary>
    public DateTimeOffset? TemporaryReminderAt { get; private set; }

    /// <summary>临时用电: removed or converted at the end, once decided.</summary>
    public TemporarySupplyEnding? TemporaryEnding { get; private set; }

    public DateTimeOffset? TemporaryEndedAt { get; private set; }

    /// <summary>The requested capacity: a new connection's, or the increase of an 增容.</summary>
    public decimal CapacityKva { get; private set; }

    public decimal VoltageKv { get; private set; }

    public int SourceCount { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The time-limit document version in force on the day of acceptance; the application keeps it.</summary>
    public string? PolicyVersion { get; private set; }

    public IReadOnlyList<Step> Plan { get; private set; } = [];

    /// <summary>客户经理: the customer's one manager (<see cref="CustomerManagerAssignment"/>), following the application end to end.</summary>
    public string? CustomerManager { get; private set; }

    public string? ClosingReason { get; private set; }

    public Guid Version { get; private set; }

    public bool IsActive => Status is ApplicationStatus.Submitted or ApplicationStatus.InProgress;

    public static Application Submit(
        string number, string customerId, string customerName, CustomerClass customerClass, string identityNumber,
        string contactPhone, string address, decimal capacityKva, decimal voltageKv, int sourceCount, KindDetails kind,
        IReadOnlyList<Step> plan, string policyVersion, DateTimeOffset now) => new()
    {
        Kind = kind.Kind,
        AccountNumber = kind.AccountNumber,
        CurrentCapacityKva = kind.CurrentCapacityKva,
        Changes = kind.Changes?.ToArray() ?? [],
        ChangeDescription = kind.ChangeDescription,
        TemporaryUntil = kind.TemporaryUntil,
        Id = Guid.CreateVersion7(now),
        Number = number,
        CustomerId = customerId,
        CustomerName = customerName,
        CustomerClass = customerClass,
        IdentityNumber = identityNumber,
        ContactPhone = contactPhone,
        Address = address,
        CapacityKva = capacityKva,
        VoltageKv = voltageKv,
        SourceCount = sourceCount,
        Plan = plan.ToArray(),
        PolicyVersion = policyVersion,
        Status = ApplicationStatus.Submitted,
        SubmittedAt = now,
        Version = Guid.NewGuid(),
    };

    public void Accept(string policyVersion, IReadOnlyList<Step> plan, string customerManager, DateTimeOffset now)
    {
        Require(Status == ApplicationStatus.Submitted, $"only a submitted application can be accepted; this one is {Status}");
        PolicyVersion = policyVersion;
        Plan = plan.ToArray();
        CustomerManager = customerManager;
        AcceptedAt = now;
        Status = ApplicationStatus.InProgress;
        Touch();
    }

    /// <summary>The customer was handed to another 客户经理: an open application follows, a closed one keeps its manager.</summary>
    public bool FollowManagerChange(string customerManager)
    {
        if (Status != ApplicationStatus.InProgress || CustomerManager == customerManager)
        {
            return false;
        }
        CustomerManager = customerManager;
        Touch();
        return true;
    }

    public void Reject(string reasons, DateTimeOffset now)
    {
        Require(Status == ApplicationStatus.Submitted, $"only a submitted application can be rejected; this one is {Status}");
        Close(ApplicationStatus.Rejected, reasons, now);
    }

    public void Withdraw(string reason, DateTimeOffset now)
    {
        Require(IsActive, $"a {Status} application cannot be withdrawn");
        Close(ApplicationStatus.Withdrawn, reason, now);
    }

    public void MarkPowerConnected(DateTimeOffset connectedAt)
    {
        if (Status == ApplicationStatus.PowerConnected)
        {
            return;
        }
        Require(Status == ApplicationStatus.InProgress, $"a {Status} application cannot be connected");
        Close(ApplicationStatus.PowerConnected, null, connectedAt);
    }

    /// <summary>临时用电: the end is near; the reminder is raised once.</summary>
    public void RemindTemporaryEnd(DateTimeOffset now)
    {
        Require(Kind == ApplicationKind.TemporarySupply && TemporaryUntil is not null, "only a temporary supply has an end to remind of");
        Require(TemporaryReminderAt is null, "the end of this temporary supply was already reminded");
        TemporaryReminderAt = now;
        Touch();
    }

    /// <summary>临时用电: how it ends, decided once the power is on (removed, or converted to a permanent supply).</summary>
    public void EndTemporarySupply(TemporarySupplyEnding ending, DateTimeOffset now)
    {
        Require(Kind == ApplicationKind.TemporarySupply, "only a temporary supply ends by removal or conversion");
        Require(Status == ApplicationStatus.PowerConnected, $"a temporary supply ends once it is connected; this one is {Status}");
        Require(TemporaryEnding is null, $"this temporary supply's end is already decided ({TemporaryEnding})");
        TemporaryEnding = ending;
        TemporaryEndedAt = now;
        Touch();
    }

    private void Close(ApplicationStatus status, string? reason, DateTimeOffset now)
    {
        Status = status;
        ClosingReason = reason;
        ClosedAt = now;
        Touch();
    }

    private void Touch() => Version = Guid.NewGuid();

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ApplicationRuleException(message);
        }
    }
}
