using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Threading.Channels;

namespace YeKuo.Workflow.Hosting.Worklists;

/// <summary>Shared mechanics of the live streams (<c>text/event-stream</c>): how long one may stay open, and heartbeats.</summary>
public static class ServerSentStreams
{
    public const string Heartbeat = "heartbeat";

    /// <summary>
    /// A stream lives as long as the token it was opened with (claim <c>exp</c>): then it ends and the client reconnects
    /// with a fresh token, so a revoked or expired caller does not keep receiving. Measured on the wall clock, as the
    /// token's validation is (not the service's business clock).
    /// </summary>
    public static TimeSpan LifetimeOf(ClaimsPrincipal user)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = long.TryParse(user.FindFirstValue("exp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : now.AddHours(1);
        var left = expires - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The heartbeat event (empty object).</summary>
    public static SseItem<object> HeartbeatEvent() => new(Empty, Heartbeat);

    private static readonly object Empty = new();

    /// <summary>Waits for the next change, or false when <paramref name="interval"/> passed without one.</summary>
    public static async Task<bool> WaitAsync<T>(ChannelReader<T> changes, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interval);
        try
        {
            return await changes.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
