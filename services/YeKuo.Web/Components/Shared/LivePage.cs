using Microsoft.AspNetCore.Components;

namespace YeKuo.Web.Components.Shared;

/// <summary>
/// A page that stays current without reloading: it loads its data once, then re-reads it every
/// <see cref="LiveOptions.Interval"/> over its circuit (the APIs are the source of truth; events reach them within a
/// second or two) and re-renders. Forms the user is filling are separate fields, so a refresh never overwrites them.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _loading;

    [Inject]
    private LiveOptions Live { get; set; } = default!;

    [Inject]
    private ILogger<LivePage> Logger { get; set; } = default!;

    /// <summary>False until the first load finished.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>Reads the page's data (called first, then on every tick and after every action).</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override async Task OnParametersSetAsync()
    {
        await ReloadAsync();
    }

    protected override void OnInitialized() => _ = TickAsync();

    /// <summary>Re-reads now (after an action), skipping if a read is already running.</summary>
    protected async Task ReloadAsync()
    {
        if (_loading || _stop.IsCancellationRequested)
        {
            return;
        }
        _loading = true;
        try
        {
            await LoadAsync(_stop.Token);
            Loaded = true;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Live.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
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

    /// <summary>Errors in the refresh itself must not end the page: the next tick tries again.</summary>
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
