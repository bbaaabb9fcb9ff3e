namespace YeKuo.Messaging.PartnerEvents;

/// <summary>An event for partner systems: a CloudEvents <paramref name="Type"/>, the application number as subject, and data without personal details.</summary>
public sealed record PartnerEvent(string Type, string Subject, DateTimeOffset Time, object Data);
