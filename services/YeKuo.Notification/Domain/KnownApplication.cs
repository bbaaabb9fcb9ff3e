namespace YeKuo.Notification.Domain;

/// <summary>An application this service has seen an event for: its number and, when known, its customer.</summary>
public sealed record KnownApplication(Guid Id, string Number, string? CustomerId);
