namespace YeKuo.SupplyScheme.Domain;

/// <summary>Where one revision of a supply scheme stands.</summary>
public enum SchemeReviewStatus
{
    /// <summary>The reviewing departments are giving their opinions (并行审批).</summary>
    UnderReview,

    /// <summary>HV: every department approved; the weekly 方案审查会 has still to decide.</summary>
    AwaitingMeeting,

    /// <summary>Approved (and, for HV, passed by the meeting): the scheme may be replied to the customer.</summary>
    Approved,

    /// <summary>Sent back to the drafter (a department or the meeting rejected it); the next revision follows.</summary>
    Rejected,

    /// <summary>Replied to the customer (供电方案答复 done), waiting for the customer's confirmation.</summary>
    Replied,

    /// <summary>Replied, then the customer asked for changes; the next revision follows.</summary>
    RevisionRequested,

    /// <summary>Replied and confirmed by the customer.</summary>
    Confirmed,
}
