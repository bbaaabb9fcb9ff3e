using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A head or admin handed a complaint to another department (投诉率 by department follows its owner). Carries no reason
/// text and no personal data. May arrive before its <see cref="ComplaintRecorded"/>: the latest <paramref name="ReassignedAt"/> wins.
/// </summary>
/// <param name="OwnerDepartment">The new owner, a <c>Department</c> name.</param>
[MessageUrn("yekuo:complaint-reassigned:v1")]
public sealed record ComplaintReassigned(
    Guid ComplaintId,
    Guid ApplicationId,
    string ApplicationNumber,
    string OwnerDepartment,
    DateTimeOffset ReassignedAt) : IApplicationEvent;
