using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace YeKuo.Messaging;

/// <summary>The activity source and meter of the messaging layer (outbox relay, inbox, handoffs).</summary>
public static class MessagingTelemetry
{
    public const string Name = "YeKuo.Messaging";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
