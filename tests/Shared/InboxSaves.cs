using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Tests.Support;

/// <summary>
/// Counts, from EF Core's diagnostics, the saves that committed inbox records of the given messages, and how many of
/// them each carried (other tests' saves carry none of these ids).
/// </summary>
public sealed class InboxSaves<TContext> : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    where TContext : DbContext
{
    private readonly HashSet<Guid> _messageIds;
    private readonly ConcurrentQueue<int> _saves = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];

    public InboxSaves(IEnumerable<Guid> messageIds)
    {
        _messageIds = messageIds.ToHashSet();
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public IReadOnlyList<int> MessagesPerSave => _saves.ToArray();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(listener.Subscribe(this, name => name == CoreEventId.SaveChangesCompleted.Name));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is SaveChangesCompletedEventData { Context: TContext context }
            && context.ChangeTracker.Entries<InboxMessage>().Count(e => _messageIds.Contains(e.Entity.MessageId)) is > 0 and var ours)
        {
            _saves.Enqueue(ours);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
