namespace YeKuo.Notification.Domain;

/// <summary>A complaint (投诉) recorded against an application, counted for the 投诉率.</summary>
public sealed class Complaint
{
    public const int MaxTextLength = 2000;

    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public string ApplicationNumber { get; private set; } = "";

    /// <summary>The application's customer account, when this service knows it.</summary>
    public string? CustomerId { get; private set; }

    public ComplaintCategory Category { get; private set; }

    /// <summary>What the customer said; kept here only, never published.</summary>
    public string Text { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static Complaint Record(KnownApplication application, ComplaintCategory category, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ApplicationId = application.Id,
        ApplicationNumber = application.Number,
        CustomerId = application.CustomerId,
        Category = category,
        Text = text,
        RecordedAt = now,
    };
}

/// <summary>What a complaint is about. The names are published in <c>ComplaintRecorded.Category</c>.</summary>
public enum ComplaintCategory
{
    /// <summary>办理时限: too slow, a time limit missed.</summary>
    Timeliness,

    /// <summary>服务态度.</summary>
    ServiceAttitude,

    /// <summary>收费: charges or costs to the customer.</summary>
    Charges,

    /// <summary>违反三不指定: the company designated a designer, builder or supplier.</summary>
    DesignatedContractor,

    /// <summary>供电质量 after connection.</summary>
    PowerQuality,

    Other,
}

/// <summary>An application this service has seen an event for: its number and, when known, its customer.</summary>
public sealed record KnownApplication(Guid Id, string Number, string? CustomerId);
