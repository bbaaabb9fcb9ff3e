using MassTransit;
using YeKuo.Contracts.Fees;

namespace YeKuo.Contracts.Events;

/// <summary>
/// The charges of an application, computed with its 供电方案答复 from the tariff version in force that day (each line with
/// its basis). A revised scheme assesses again (<see cref="Revision"/>): the latest revision replaces the earlier ones.
/// An empty <see cref="Items"/> (三零, or no item applies) means nothing is payable.
/// </summary>
[MessageUrn("yekuo:charges-assessed:v1")]
public sealed record ChargesAssessed(
    Guid ApplicationId,
    string ApplicationNumber,
    string CustomerId,
    CustomerClass CustomerClass,
    ApplicationKind Kind,
    string TariffVersion,
    int Revision,
    IReadOnlyList<ChargeLine> Items,
    decimal Total,
    DateTimeOffset AssessedAt) : IApplicationEvent;
