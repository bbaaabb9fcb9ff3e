using System.Collections.Concurrent;
using System.Threading.Channels;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Worklists;

/// <summary>
/// The work items this process has just changed, for the worklist streams (<c>GET …/work-items/stream</c>): after each
/// commit that opened, claimed, paused, resumed, completed or cancelled work items, every open stream gets them (and
/// filters them itself). Changes committed by another replica of the service do not pass through here; a stream re-reads
/// its worklist every <see cref="WorklistStreamOptions.ResyncInterval"/> for those.
/// </summary>
public sealed class WorkItemFeed
{
    /// <summary>Changes a stream may fall behind by before it is resynchronised from the database instead.</summary>
    private const int Backlog = 1024;

    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();

    /// <summary>Starts receiving changes; subscribe before reading the worklist, so no change falls between the two.</summary>
    public Subscription Subscribe()
    {
        var subscription = new Subscription(this);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>Hands committed work items to every stream (as snapshots: the entities stay with their context).</summary>
    internal void Publish(IReadOnlyList<WorkItem> committed)
    {
        if (committed.Count == 0 || _subscriptions.IsEmpty)
        {
            return;
        }
        var changes = committed.Select(WorkItemChange.From).ToArray();
        foreach (var subscription in _subscriptions.Keys)
        {
            foreach (var change in changes)
            {
                subscription.Offer(change);
            }
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly WorkItemFeed _feed;
        private readonly Channel<WorkItemChange> _changes;
        private volatile bool _overflowed;

        internal Subscription(WorkItemFeed feed)
        {
            _feed = feed;
            _changes = Channel.CreateBounded<WorkItemChange>(
                new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
                _ => _overflowed = true);
        }

        public ChannelReader<WorkItemChange> Changes => _changes.Reader;

        /// <summary>True once (and reset by reading it) when changes were dropped because the stream fell behind.</summary>
        public bool TakeOverflow()
        {
            if (!_overflowed)
            {
                return false;
            }
            _overflowed = false;
            while (_changes.Reader.TryRead(out _))
            {
            }
            return true;
        }

        internal void Offer(WorkItemChange change) => _changes.Writer.TryWrite(change);

        public void Dispose()
        {
            _feed._subscriptions.TryRemove(this, out _);
            _changes.Writer.TryComplete();
        }
    }
}
