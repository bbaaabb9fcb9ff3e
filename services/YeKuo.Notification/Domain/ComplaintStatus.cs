namespace YeKuo.Notification.Domain;

/// <summary>Where a complaint stands. Overdue is not a state: it is derived from the due (see <see cref="Complaint.IsOverdueAt"/>).</summary>
public enum ComplaintStatus
{
    /// <summary>已受理: recorded and routed to its owner department; nobody there has taken it yet.</summary>
    Received,

    /// <summary>已分派: a 责任人 of the owner department has taken it.</summary>
    Assigned,

    /// <summary>已答复: the owner department answered the customer.</summary>
    Replied,

    /// <summary>已办结: closed with its 整改 and 问责 notes.</summary>
    Closed,
}
