namespace YeKuo.Messaging.Outbox;

/// <summary>
/// Adds events to the current unit of work. Nothing is published until the DbContext saves; then the relay publishes
/// what was committed, and only that.
/// </summary>
public interface IEventOutbox
{
    void Enqueue<TEvent>(TEvent @event, Guid? applicationId = null) where TEvent : class;
}
