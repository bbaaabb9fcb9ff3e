namespace YeKuo.Messaging.ErrorQueues;

/// <summary>The receive endpoints (queues) this service configured; their error queues are <c>{queue}_error</c>.</summary>
public sealed class ReceiveEndpointRegistry
{
    private readonly HashSet<string> _queues = [];

    public void Add(string queue)
    {
        lock (_queues)
        {
            _queues.Add(queue);
        }
    }

    public IReadOnlyList<string> Queues
    {
        get
        {
            lock (_queues)
            {
                return _queues.Order().ToArray();
            }
        }
    }

    public bool IsErrorQueueOfThisService(string errorQueue) =>
        errorQueue.EndsWith(ErrorQueueAdmin.ErrorSuffix, StringComparison.Ordinal)
        && Queues.Contains(errorQueue[..^ErrorQueueAdmin.ErrorSuffix.Length]);
}
