namespace YeKuo.Web.Api;

/// <summary>
/// A component's loads where only the newest answer counts. A form submitted while the page's first load is still on
/// its way cancels that load, so the older answer cannot arrive last and replace what the user asked for (the bottleneck
/// card showed last month's stored history after "查看" on the generated one when the first load was the slower).
/// Used on the circuit's synchronization context, one call at a time, so it needs no lock.
/// </summary>
public sealed class LatestAnswer : IDisposable
{
    private CancellationTokenSource? pending;

    /// <summary>Runs the load with a token the next load cancels; null when a newer load superseded this one.</summary>
    public async Task<ApiResult<T>?> LoadAsync<T>(Func<CancellationToken, Task<ApiResult<T>>> load)
    {
        pending?.Cancel();
        var mine = new CancellationTokenSource();
        pending = mine;
        try
        {
            var answer = await load(mine.Token);
            return ReferenceEquals(pending, mine) ? answer : null;
        }
        catch (Exception) when (mine.IsCancellationRequested)
        {
            // Superseded or left: however it ended (cancelled, or failed as it was cancelled), nobody waits for it.
            return null;
        }
        finally
        {
            if (ReferenceEquals(pending, mine))
            {
                pending = null;
            }
            mine.Dispose();
        }
    }

    /// <summary>Cancels the load on its way (the user left the page).</summary>
    public void Dispose() => pending?.Cancel();
}
