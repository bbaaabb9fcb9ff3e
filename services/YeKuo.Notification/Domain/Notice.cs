using YeKuo.Contracts;

namespace YeKuo.Notification.Domain;

/// <summary>
/// A customer notice (客户通知) in the customer's in-app inbox. A notice is identified by what it tells — the
/// application, the kind, the step and the round — so one event yields one notice however often it is delivered.
/// </summary>
public sealed class Notice
{
    // Persisted instead of Step: "" when the notice is about no step, so the identity key holds no NULL
    // (NULLs never collide in a unique index, and SQL Server would filter them out of it).
    private string _stepKey = "";

    private Notice()
    {
    }

    public Guid Id { get; private set; }

    public NoticeKind Kind { get; private set; }

    /// <summary>The step the notice is about; null for application-level notices (submitted, rejected, withdrawn).</summary>
    public Step? Step
    {
        get => _stepKey.Length == 0 ? null : Enum.Parse<Step>(_stepKey);
        private set => _stepKey = StepKeyOf(value);
    }

    /// <summary>The step's round (复检 after 整改 is round 2, 3, ...); 0 for application-level notices.</summary>
    public int Round { get; private set; }

    /// <summary>The customer account (login subject) the notice is for.</summary>
    public string CustomerId { get; private set; } = "";

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the customer first read it in the inbox.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>When SMS and e-mail were handed to their senders; null while pending.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    public int DeliveryAttempts { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notice Create(
        NoticeKind kind, Step? step, int round, Guid applicationId, string applicationNumber, string customerId,
        NoticeText text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        Step = step,
        Round = round,
        ApplicationId = applicationId,
        ApplicationNumber = applicationNumber,
        CustomerId = customerId,
        Title = text.Title,
        Body = text.Body,
        CreatedAt = now,
    };

    /// <summary>The stored form of a notice's step (part of its identity): the step's name, or "" for none.</summary>
    public static string StepKeyOf(Step? step) => step?.ToString() ?? "";

    /// <summary>Marks the notice read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public void MarkDelivered(DateTimeOffset now)
    {
        DeliveryAttempts++;
        DeliveredAt ??= now;
    }

    public void DeliveryFailed() => DeliveryAttempts++;
}

/// <summary>The words of a notice as the customer reads them.</summary>
public sealed record NoticeText(string Title, string Body);
