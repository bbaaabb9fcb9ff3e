using System.Diagnostics;
using MassTransit;

namespace YeKuo.Messaging.Inbox;

/// <summary>
/// The span a message of a batch was received in (its own trace, continuing its publisher's), kept with the message so
/// that its handling runs in it: what the handler traces or passes on (a partner CloudEvent's <c>traceparent</c>) belongs
/// to that message's trace, not to the batch's, which MassTransit runs in the span of the batch's last message.
/// </summary>
internal sealed class MessageSpan(Activity activity)
{
    private readonly Activity _span = activity;

    /// <summary>Keeps the current span with <paramref name="context"/> (called as the message arrives, before its batch gathers).</summary>
    public static void Capture(ConsumeContext context)
    {
        if (Activity.Current is { } current)
        {
            context.GetOrAddPayload(() => new MessageSpan(current));
        }
    }

    /// <summary>Makes the message's own span current until disposed; nothing when it has none or it has ended.</summary>
    public static Scope Enter(ConsumeContext context) =>
        context.TryGetPayload<MessageSpan>(out var span) && !span._span.IsStopped ? new Scope(span._span) : default;

    public readonly struct Scope : IDisposable
    {
        private readonly Activity? _previous;
        private readonly bool _entered;

        internal Scope(Activity activity)
        {
            _previous = Activity.Current;
            _entered = true;
            Activity.Current = activity;
        }

        public void Dispose()
        {
            if (_entered)
            {
                Activity.Current = _previous;
            }
        }
    }
}
