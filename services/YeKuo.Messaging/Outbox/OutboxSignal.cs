namespace YeKuo.Messaging.Outbox;

/// <summary>Wakes the relay right after a commit that added outbox rows, so events leave without waiting for the poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // Coalesce: one pending wake-up is enough, the relay drains everything it finds.
        if (_pending.CurrentCount == 0)
        {
            try { _pending.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pending.WaitAsync(timeout, cancellationToken);
}
