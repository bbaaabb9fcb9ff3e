using System.Collections.Concurrent;
using System.Threading.Channels;

namespace YeKuo.Acceptance.Progress;

/// <summary>
/// Which applications this process has just changed (a commit of the application, its timeline or its work items, a
/// consumer's refresh of the progress view), for the progress streams (<c>GET /api/applications/{id}/progress/stream</c>).
/// A stream only hears of its own application; bursts coalesce into one re-read.
/// </summary>
public sealed class ApplicationChanges
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _byApplication = new();

    public Subscription Subscribe(Guid applicationId)
    {
        var subscription = new Subscription(this, applicationId);
        _byApplication.GetOrAdd(applicationId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Notify(Guid applicationId)
    {
        if (_byApplication.TryGetValue(applicationId, out var subscriptions))
        {
            foreach (var subscription in subscriptions.Keys)
            {
                subscription.Signal();
            }
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly ApplicationChanges _owner;
        private readonly Guid _applicationId;

        // One pending signal is enough: the stream re-reads the whole view.
        private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        internal Subscription(ApplicationChanges owner, Guid applicationId)
        {
            _owner = owner;
            _applicationId = applicationId;
        }

        public ChannelReader<bool> Changed => _changed.Reader;

        internal void Signal() => _changed.Writer.TryWrite(true);

        public void Dispose()
        {
            if (_owner._byApplication.TryGetValue(_applicationId, out var subscriptions))
            {
                subscriptions.TryRemove(this, out _);
                if (subscriptions.IsEmpty)
                {
                    _owner._byApplication.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(_applicationId, subscriptions));
                }
            }
            _changed.Writer.TryComplete();
        }
    }
}
