using System.Globalization;
using System.Text;

namespace YeKuo.Schedule.Prediction;

/// <summary>The outcome of a <see cref="ForecastBacktest"/>: the split, the model and one row per checkpoint and group.</summary>
public sealed record BacktestResult(
    string History,
    int TrainingApplications,
    int TestApplications,
    DateOnly TrainedUpTo,
    int Iterations,
    int Seed,
    IReadOnlyList<BacktestRow> Rows,
    TimeSpan Elapsed)
{
    public BacktestRow Overall(ForecastCheckpoint checkpoint) => Rows.Single(r => r.Checkpoint == checkpoint && r.Group == ForecastBacktest.AllGroup);

    /// <summary>The rows as a markdown table.</summary>
    public string ToMarkdownTable()
    {
        var sb = new StringBuilder();
        sb.Append("| checkpoint | group | n | MAE P50 (WD) | median AE (WD) | P90 coverage | P50 coverage | mean P90−P50 (WD) | mean remaining (WD) |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in Rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {r.Checkpoint} | {r.Group} | {r.Applications} | {r.MeanAbsoluteError:0.0} | {r.MedianAbsoluteError:0.0} | {r.P90Coverage:P1} | {r.P50Coverage:P1} | {r.MeanP90MinusP50:0.0} | {r.MeanRemainingDays:0.0} |\n");
        }

        return sb.ToString();
    }
}
