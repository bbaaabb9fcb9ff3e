using Microsoft.Extensions.Options;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Prediction;

namespace YeKuo.Acceptance.Foresight;

/// <summary>Where a forecast's durations come from: the database's finished applications, or the engine's priors.</summary>
/// <param name="Source"><c>history</c> or <c>priors</c>.</param>
/// <param name="Applications">Finished applications the durations were taken from.</param>
/// <param name="Note">Said to the reader (e.g. that history is too thin yet).</param>
public sealed record ForecastBasis(string Source, int Applications, DateTimeOffset BuiltAt, string Note);

/// <summary>
/// The power-on forecaster with its duration model, built from the history of actual durations in the database (the
/// finished applications' timelines, grouped by activity, department, class and kind) and rebuilt every
/// <see cref="ForesightOptions.ModelLifetime"/>; while fewer than <see cref="ForesightOptions.MinStoredApplications"/>
/// applications are finished it draws from the engine's priors (a generated history, see <see cref="HistoryGenerator"/>)
/// and says so. A forecast itself is cheap (a few hundred forward passes) and is made with each progress read, so it
/// changes with every event; the progress cache keeps it with the rest of the view.
/// </summary>
public sealed class PowerOnForecasts(IServiceScopeFactory scopes, TimeProvider time, IOptions<ForesightOptions> options, ILogger<PowerOnForecasts> logger)
{
    /// <summary>The engine's priors: a generated history (never shown as real data).</summary>
    public static readonly Lazy<ApplicationHistory> PriorHistory = new(() => HistoryGenerator.Generate(new HistoryGeneratorSettings(Applications: 3000, Seed: 4004)));

    private static readonly Lazy<DurationModel> Priors = new(() => DurationModel.Build(PriorHistory.Value.Applications));

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference, so readers never see half of a model being replaced.
    private volatile Model? _current;

    public async Task<(PowerOnForecaster Forecaster, ForecastBasis Basis)> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_current is { } fresh && now - fresh.Basis.BuiltAt < options.Value.ModelLifetime)
        {
            return (fresh.Forecaster, fresh.Basis);
        }
        // While one caller rebuilds, the others go on with the model they had (progress reads never queue behind a rebuild).
        if (_current is { } stale && !await _gate.WaitAsync(0, cancellationToken))
        {
            return (stale.Forecaster, stale.Basis);
        }
        if (_current is null)
        {
            await _gate.WaitAsync(cancellationToken);
        }
        try
        {
            if (_current is { } built && now - built.Basis.BuiltAt < options.Value.ModelLifetime)
            {
                return (built.Forecaster, built.Basis);
            }
            var (forecaster, basis) = await BuildAsync(now, cancellationToken);
            _current = new Model(forecaster, basis);
            return (forecaster, basis);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the model, so the next forecast reads the history again (tests, and an operator after an import).</summary>
    public void Invalidate() => _current = null;

    private async Task<(PowerOnForecaster, ForecastBasis)> BuildAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var scope = scopes.CreateScope();
        var history = await scope.ServiceProvider.GetRequiredService<StoredHistory>().LoadAsync(settings.MaxStoredApplications, cancellationToken);
        var stored = history.Applications.Count;
        if (stored >= settings.MinStoredApplications)
        {
            logger.LogInformation("Power-on forecasts draw from {Applications} finished applications", stored);
            return (new PowerOnForecaster(DurationModel.Build(history.Applications, minSamples: Math.Min(30, stored)), settings.Iterations),
                new ForecastBasis("history", stored, now, $"从 {stored} 件已接电申请的实际工期 (按环节、部门、客户类别和业务类型分组) 预测"));
        }
        return (new PowerOnForecaster(Priors.Value, settings.Iterations),
            new ForecastBasis("priors", PriorHistory.Value.Applications.Count, now,
                $"已接电申请仅 {stored} 件 (少于 {settings.MinStoredApplications} 件), 暂按模型先验工期预测 (priors: history too thin)"));
    }

    private sealed record Model(PowerOnForecaster Forecaster, ForecastBasis Basis);
}
