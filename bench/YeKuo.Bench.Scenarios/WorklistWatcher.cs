using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace YeKuo.Bench.Scenarios;

/// <summary>
/// The department actors' view of their worklists, pushed instead of polled: one stream per department API
/// (<c>GET {prefix}/work-items/stream?status=open</c>, through the gateway) keeps the open round-1 work items by
/// (application, step), and an actor waiting for its next step is woken the moment the item opens. A stream that breaks
/// (a service killed, the gateway restarted) is opened again and starts with a fresh snapshot; a stream idle for
/// <see cref="IdleClose"/> without anyone waiting on it is closed.
/// </summary>
public sealed class WorklistWatcher(HttpClient http, ActorCounters counters)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Worklist> _worklists = new(StringComparer.Ordinal);

    private HttpClient Http => http;

    private ActorCounters Counters => counters;

    /// <summary>The open round-1 work item of <paramref name="step"/> for the application, as soon as it is open; null after <paramref name="patience"/>.</summary>
    public Task<Guid?> WaitAsync(string prefix, Guid applicationId, string step, TimeSpan patience, CancellationToken ct) =>
        _worklists.GetOrAdd(prefix, p => new Worklist(this, p)).WaitAsync((applicationId, step), patience, ct);

    private sealed class Worklist(WorklistWatcher watcher, string prefix)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<(Guid, string), Guid> _open = [];
        private readonly Dictionary<(Guid, string), TaskCompletionSource<Guid>> _waiters = [];
        private Task? _follow;
        private DateTime _lastWaiter = DateTime.UtcNow;

        public async Task<Guid?> WaitAsync((Guid, string) key, TimeSpan patience, CancellationToken ct)
        {
            TaskCompletionSource<Guid> waiter;
            lock (_lock)
            {
                _lastWaiter = DateTime.UtcNow;
                if (_follow is null || _follow.IsCompleted)
                {
                    _follow = Task.Run(FollowAsync, CancellationToken.None);
                }
                if (_open.TryGetValue(key, out var id)) return id;
                if (!_waiters.TryGetValue(key, out waiter!))
                {
                    waiter = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters[key] = waiter;
                }
            }
            try
            {
                return await waiter.Task.WaitAsync(patience, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
            finally
            {
                lock (_lock)
                {
                    _lastWaiter = DateTime.UtcNow;
                    if (_waiters.TryGetValue(key, out var current) && current == waiter && waiter.Task.IsCompleted) _waiters.Remove(key);
                }
            }
        }

        private async Task FollowAsync()
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_waiters.Count == 0 && DateTime.UtcNow - _lastWaiter > IdleClose)
                    {
                        _follow = null;
                        return;
                    }
                }
                using var idle = new CancellationTokenSource();
                try
                {
                    watcher.Counters.Request();
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/work-items/stream?status=open&limit=1000");
                    using var response = await watcher.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        watcher.Counters.StreamOpened();
                        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        using var closer = new Timer(_ => CloseIfIdle(idle), null, IdleClose, IdleClose);
                        await foreach (var item in SseParser.Create(body).EnumerateAsync(idle.Token).ConfigureAwait(false))
                        {
                            Apply(item);
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or JsonException)
                {
                    // A service or the gateway went away, or the stream idled out: look again below.
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 300))).ConfigureAwait(false);
            }
        }

        private void CloseIfIdle(CancellationTokenSource idle)
        {
            lock (_lock)
            {
                if (_waiters.Count == 0 && DateTime.UtcNow - _lastWaiter > IdleClose) idle.Cancel();
            }
        }

        private void Apply(SseItem<string> item)
        {
            watcher.Counters.StreamEvent();
            switch (item.EventType)
            {
                case "snapshot":
                    var items = JsonSerializer.Deserialize<JsonElement[]>(item.Data, Json) ?? [];
                    lock (_lock)
                    {
                        _open.Clear();
                        foreach (var workItem in items) Open(workItem);
                    }
                    break;
                case "upsert":
                    var upserted = JsonSerializer.Deserialize<JsonElement>(item.Data, Json);
                    lock (_lock) Open(upserted);
                    break;
                case "remove":
                    var id = JsonSerializer.Deserialize<JsonElement>(item.Data, Json).GetProperty("id").GetGuid();
                    lock (_lock)
                    {
                        foreach (var key in _open.Where(kv => kv.Value == id).Select(kv => kv.Key).ToList()) _open.Remove(key);
                    }
                    break;
            }
        }

        // Under the lock. The actors drive first rounds only (the drive never fails an inspection).
        private void Open(JsonElement workItem)
        {
            if (workItem.GetProperty("round").GetInt32() != 1) return;
            var key = (workItem.GetProperty("applicationId").GetGuid(), workItem.GetProperty("step").GetString()!);
            var id = workItem.GetProperty("id").GetGuid();
            _open[key] = id;
            if (_waiters.Remove(key, out var waiter)) waiter.TrySetResult(id);
        }
    }
}
