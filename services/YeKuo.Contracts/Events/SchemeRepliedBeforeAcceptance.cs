using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// 供电方案 replied a scheme before 受理's acceptance of the application had reached it (the charge account was not open
/// there yet), so the reply could not assess the charges. SupplyScheme publishes it to itself and handles it in the lane
/// of its charge accounts, one at a time with the acceptance that opens the application's account: whichever of the
/// two is handled second finds the other committed and assesses the charges as of the reply.
/// </summary>
[MessageUrn("yekuo:scheme-replied-before-acceptance:v1")]
public sealed record SchemeRepliedBeforeAcceptance(Guid ApplicationId, string ApplicationNumber, DateTimeOffset RepliedAt) : IApplicationEvent;
