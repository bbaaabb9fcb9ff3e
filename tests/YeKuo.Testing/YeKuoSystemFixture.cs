using Xunit;

namespace YeKuo.Testing;

/// <summary>
/// The xunit fixture every system-level test assembly shares (one start per assembly through a collection fixture): the
/// system from <see cref="YeKuoSystem"/>, started once, stopped and removed afterwards.
/// </summary>
public class YeKuoSystemFixture : IAsyncLifetime
{
    public YeKuoSystem App { get; private set; } = null!;

    /// <summary>What this assembly needs beyond the graph's defaults (e.g. the dashboard).</summary>
    protected virtual SystemOptions Options => new();

    public virtual async Task InitializeAsync() => App = await YeKuoSystem.StartAsync(Options);

    public virtual async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
