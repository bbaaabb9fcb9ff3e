namespace YeKuo.Notification.Domain;

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
