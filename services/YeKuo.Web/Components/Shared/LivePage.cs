using Microsoft.AspNetCore.Components;
using YeKuo.Web.Api;

namespace YeKuo.Web.Components.Shared;

/// <summary>
/// A page that stays current without reloading: it loads its data once, then re-reads it over its circuit whenever its
/// <see cref="LiveStream"/> (a server-sent event stream of the APIs: a worklist, an application's progress) says something
/// changed, and re-renders. A page without a stream, or while its stream is down, re-reads every
/// <see cref="LiveOptions.Interval"/> instead. Forms the user is filling are separate fields, so a refresh never
/// overwrites them.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    /// <summary>While a stream is followed, a re-read this many poll intervals apart still picks up what it does not carry.</summary>
    private const int StreamBackstopIntervals = 10;

    private readonly CancellationTokenSource _stop = new();
    private bool _loading;
    private bool _stale;

    [Inject]
    private LiveOptions Live { get; set; } = default!;

    [Inject]
    private GatewayStream Streams { get; set; } = default!;

    [Inject]
    private ILogger<LivePage> Logger { get; set; } = default!;

    /// <summary>False until the first load finished.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>The gateway path of the stream that announces changes to this page's data; null: poll.</summary>
    protected virtual string? LiveStream => null;

    /// <summary>Reads the page's data (called first, then on every change or tick and after every action).</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override async Task OnParametersSetAsync()
    {
        await ReloadAsync();
    }

    protected override void OnInitialized() => _ = FollowAsync();

    /// <summary>Re-reads now (after an action); a read already running is followed by one more, so no change is missed.</summary>
    protected async Task ReloadAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        if (_loading)
        {
            _stale = true;
            return;
        }
        _loading = true;
        try
        {
            do
            {
                _stale = false;
                await LoadAsync(_stop.Token);
                Loaded = true;
            }
            while (_stale && !_stop.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task FollowAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Loaded && LiveStream is { } stream)
                {
                    using var backstop = new Timer(_ => _ = InvokeAsync(SafeReloadAsync), null, Live.Interval * StreamBackstopIntervals, Live.Interval * StreamBackstopIntervals);
                    if (await Streams.FollowAsync(stream, _ => InvokeAsync(SafeReloadAsync), _stop.Token))
                    {
                        // The stream ended (the token's lifetime, a restart): catch up, then follow it again.
                        await InvokeAsync(SafeReloadAsync);
                        continue;
                    }
                }
                await Task.Delay(Live.Interval, _stop.Token);
                await InvokeAsync(SafeReloadAsync);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Errors in the refresh itself must not end the page: the next change or tick tries again.</summary>
    private async Task SafeReloadAsync()
    {
        try
        {
            await ReloadAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Refreshing {Page} failed", GetType().Name);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
