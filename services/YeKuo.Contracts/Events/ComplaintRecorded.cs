using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 投诉: a complaint was recorded against an application (for the 投诉率 metric). Carries the category only, never the
/// complaint's text or personal data.
/// </summary>
/// <param name="Category">
/// The complaint category's name: <c>Timeliness</c> (办理时限), <c>ServiceAttitude</c> (服务态度), <c>Charges</c> (收费),
/// <c>DesignatedContractor</c> (违反三不指定), <c>PowerQuality</c> (供电质量), <c>Other</c>.
/// </param>
/// <param name="ComplaintId">The complaint (so a later <see cref="ComplaintReassigned"/> finds it); absent from older publishers.</param>
/// <param name="OwnerDepartment">The <c>Department</c> name that owns it (投诉率 by department); absent from older publishers.</param>
[MessageUrn("yekuo:complaint-recorded:v1")]
public sealed record ComplaintRecorded(
    Guid ApplicationId,
    string ApplicationNumber,
    string Category,
    DateTimeOffset RecordedAt,
    Guid? ComplaintId = null,
    string? OwnerDepartment = null) : IApplicationEvent;
