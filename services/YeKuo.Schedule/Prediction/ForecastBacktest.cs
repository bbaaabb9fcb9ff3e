using System.Collections.Concurrent;
using System.Diagnostics;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;
using YeKuo.Schedule.Templates;

namespace YeKuo.Schedule.Prediction;

/// <summary>
/// Measures the forecast on history: the applications are split by submission day; the model learns only from
/// activities finished before the first test application was submitted (what a live system would have known), and
/// every test application is forecast at submission, at 方案答复 and at 竣工报验 (where its class has them) and
/// compared with its actual power-on day.
/// </summary>
public static class ForecastBacktest
{
    public const string AllGroup = "all";

    public static BacktestResult Run(ApplicationHistory history, ScheduleCalendar calendar, double testShare = 0.25,
        int maxTestApplications = 1500, int iterations = 1000, int seed = 4_004)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (testShare is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testShare), testShare, "The test share must be in (0, 1).");
        var clock = Stopwatch.StartNew();
        var ordered = history.Applications.OrderBy(a => a.SubmittedIndex).ThenBy(a => a.Id, StringComparer.Ordinal).ToArray();
        var firstTest = (int)Math.Floor(ordered.Length * (1 - testShare));
        var cut = ordered[firstTest].SubmittedIndex;
        var tests = ordered.Skip(firstTest).Where(a => a.SubmittedIndex >= cut).Take(maxTestApplications).ToArray();
        var model = DurationModel.Build(ordered.Take(firstTest), knownUpToIndex: cut);
        var forecaster = new PowerOnForecaster(model, iterations, seed);

        var outcomes = new ConcurrentBag<(ForecastCheckpoint Checkpoint, string Group, int Error, bool InP90, bool InP50, int Width, int Remaining)>();
        Parallel.ForEach(tests, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, app =>
        {
            var network = ApplicationNetworks.For(app.Class, app.Kind, calendar);
            foreach (var checkpoint in Enum.GetValues<ForecastCheckpoint>())
            {
                int? status = checkpoint switch
                {
                    ForecastCheckpoint.Submission => app.SubmittedIndex,
                    ForecastCheckpoint.SchemeReply when app.Has(ActivityIds.SchemeReply) => app[ActivityIds.SchemeReply].FinishIndex,
                    ForecastCheckpoint.CompletionRequest when app.Has(ActivityIds.CompletionRequest) => app[ActivityIds.CompletionRequest].FinishIndex,
                    _ => null,
                };
                if (status is not { } s || s >= app.PowerOnIndex) continue;
                var f = forecaster.Forecast(network, app.SubmittedIndex, s, app.ProgressAt(s));
                outcomes.Add((checkpoint, GroupOf(app), Math.Abs(f.P50Index - app.PowerOnIndex), app.PowerOnIndex <= f.P90Index,
                    app.PowerOnIndex <= f.P50Index, f.P90Index - f.P50Index, app.PowerOnIndex - s));
            }
        });

        var rows = new List<BacktestRow>();
        foreach (var checkpoint in Enum.GetValues<ForecastCheckpoint>())
        {
            var atCheckpoint = outcomes.Where(o => o.Checkpoint == checkpoint).ToArray();
            if (atCheckpoint.Length == 0) continue;
            rows.Add(Row(checkpoint, AllGroup, atCheckpoint));
            foreach (var group in atCheckpoint.GroupBy(o => o.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
                rows.Add(Row(checkpoint, group.Key, group.ToArray()));
        }

        return new BacktestResult(history.Description, firstTest, tests.Length, history.Timeline.DateOf(cut), iterations, seed, rows, clock.Elapsed);
    }

    private static string GroupOf(HistoricalApplication app) =>
        ApplicationNetworks.IsZeroService(app.Class) ? "三零 (low voltage)" : ApplicationNetworks.IsHighVoltage(app.Class) ? "high voltage" : "low voltage";

    private static BacktestRow Row(ForecastCheckpoint checkpoint, string group,
        (ForecastCheckpoint Checkpoint, string Group, int Error, bool InP90, bool InP50, int Width, int Remaining)[] o)
    {
        var errors = o.Select(x => x.Error).Order().ToArray();
        return new BacktestRow(
            checkpoint,
            group,
            o.Length,
            errors.Average(),
            errors.Length % 2 == 1 ? errors[errors.Length / 2] : (errors[errors.Length / 2 - 1] + errors[errors.Length / 2]) / 2.0,
            o.Count(x => x.InP90) / (double)o.Length,
            o.Count(x => x.InP50) / (double)o.Length,
            o.Average(x => x.Width),
            o.Average(x => x.Remaining));
    }
}
