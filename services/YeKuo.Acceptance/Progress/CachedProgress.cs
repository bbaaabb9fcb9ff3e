namespace YeKuo.Acceptance.Progress;

/// <summary>
/// What Redis holds per application: the customer's view and its owner. An application's customer never changes, so
/// a customer's read is authorised from the cached owner without a database round trip.
/// </summary>
public sealed record CachedProgress(string CustomerId, CustomerProgress Progress);
