using MassTransit;

namespace YeKuo.Contracts.Events;

/// <summary>
/// A department head or admin gave a customer another 客户经理 (with a reason, audited in Acceptance). Every open
/// application of the customer follows; closed ones keep the manager they had. May arrive in any order with
/// <see cref="ApplicationAccepted"/>: the latest <paramref name="ChangedAt"/> wins.
/// </summary>
/// <param name="ApplicationIds">The customer's open applications, now managed by <paramref name="CustomerManager"/>.</param>
[MessageUrn("yekuo:customer-manager-changed:v1")]
public sealed record CustomerManagerChanged(
    string CustomerId,
    string PreviousManager,
    string CustomerManager,
    IReadOnlyList<Guid> ApplicationIds,
    DateTimeOffset ChangedAt);
