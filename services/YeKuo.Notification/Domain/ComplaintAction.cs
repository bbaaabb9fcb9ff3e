using YeKuo.Contracts;

namespace YeKuo.Notification.Domain;

public enum ComplaintActionKind
{
    Recorded,
    Claimed,
    Reassigned,
    Replied,
    Closed,
}

/// <summary>
/// One entry of a complaint's history (追溯: who did what, when, why): kept with the complaint because the request audit
/// never stores request bodies, and a reassignment's reason must be read back.
/// </summary>
public sealed class ComplaintAction
{
    public const int MaxNoteLength = 500;

    private ComplaintAction()
    {
    }

    public Guid Id { get; private set; }

    public Guid ComplaintId { get; private set; }

    /// <summary>1, 2, … in the order the actions happened (several may share an instant).</summary>
    public int Sequence { get; private set; }

    public ComplaintActionKind Kind { get; private set; }

    /// <summary>The token subject of whoever acted (the customer for <see cref="ComplaintActionKind.Recorded"/>).</summary>
    public string Actor { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    /// <summary>The owner department after the action.</summary>
    public Department Department { get; private set; }

    /// <summary>A reassignment's reason; empty otherwise (replies and closure notes live on the complaint).</summary>
    public string? Note { get; private set; }

    internal static ComplaintAction Of(Guid complaintId, int sequence, ComplaintActionKind kind, string actor, DateTimeOffset at, Department department, string? note = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        ComplaintId = complaintId,
        Sequence = sequence,
        Kind = kind,
        Actor = actor,
        At = at,
        Department = department,
        Note = note,
    };
}
