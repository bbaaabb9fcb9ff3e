using System.Globalization;
using System.Text;

namespace YeKuo.Schedule.WhatIf;

/// <summary>A scenario's replay beside the baseline's, with the differences as CSV (for the platform's download).</summary>
public sealed record WhatIfComparison(ReplayResult Baseline, ReplayResult Scenario)
{
    public double OnTimeRateChange => Scenario.OnTimeRate - Baseline.OnTimeRate;

    public double MeanDaysToPowerOnChange => Scenario.MeanDaysToPowerOn - Baseline.MeanDaysToPowerOn;

    /// <summary>
    /// One CSV with a <c>section</c> column: <c>summary</c>, <c>department-month</c> (on-time rate, mean days and 预警 per
    /// threshold), <c>step</c> (days per step) and <c>handoff</c> (department pairs, whole period); baseline and
    /// scenario side by side.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        var thresholds = Scenario.Scenario.Thresholds;
        var baseThresholds = Baseline.Scenario.Thresholds;
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        void Line(params object[] cells) => sb.Append(string.Join(',', cells.Select(c => c switch
        {
            double d => F(d),
            string s when s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) => $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
            _ => Convert.ToString(c, CultureInfo.InvariantCulture),
        }))).Append('\n');

        Line("section", "key", "month", "count", "baseline", "scenario", "change", "baseline_extra", "scenario_extra");
        Line("summary", "scenario", "", Scenario.Applications, Baseline.Scenario.Name, Scenario.Scenario.Name, "", "", "");
        Line("summary", "on_time_rate", "", Scenario.Clocks.Count(c => c.Judged), Baseline.OnTimeRate, Scenario.OnTimeRate, OnTimeRateChange, "", "");
        Line("summary", "applications_on_time", "", Scenario.Applications, (double)Baseline.ApplicationsOnTime, (double)Scenario.ApplicationsOnTime,
            (double)(Scenario.ApplicationsOnTime - Baseline.ApplicationsOnTime), "", "");
        Line("summary", "mean_days_to_power_on", "", Scenario.Applications, Baseline.MeanDaysToPowerOn, Scenario.MeanDaysToPowerOn, MeanDaysToPowerOnChange, "", "");

        var baseRows = Baseline.ByDepartmentMonth.ToDictionary(r => (r.Department, r.Month));
        foreach (var r in Scenario.ByDepartmentMonth)
        {
            baseRows.TryGetValue((r.Department, r.Month), out var b);
            var bRate = b?.OnTimeRate ?? double.NaN;
            Line("department-month", $"{r.Department} on_time_rate", r.Month, r.Clocks, bRate, r.OnTimeRate, r.OnTimeRate - bRate,
                Warnings(baseThresholds, b?.Warnings), Warnings(thresholds, r.Warnings));
            Line("department-month", $"{r.Department} mean_days", r.Month, r.Clocks, b?.MeanDays ?? double.NaN, r.MeanDays,
                r.MeanDays - (b?.MeanDays ?? double.NaN), "", "");
        }

        var baseSteps = Baseline.ByStep.ToDictionary(s => s.Step);
        foreach (var s in Scenario.ByStep)
        {
            baseSteps.TryGetValue(s.Step, out var b);
            Line("step", $"{s.Step} mean_days", "", s.Clocks, b?.MeanDays ?? double.NaN, s.MeanDays, s.MeanDays - (b?.MeanDays ?? double.NaN),
                $"p90 {b?.P90Days}; on time {F(b?.OnTimeRate ?? double.NaN)}", $"p90 {s.P90Days}; on time {F(s.OnTimeRate)}");
        }

        var baseHandoffs = Baseline.HandoffsByPair.ToDictionary(h => (h.From, h.To));
        foreach (var h in Scenario.HandoffsByPair)
        {
            baseHandoffs.TryGetValue((h.From, h.To), out var b);
            Line("handoff", $"{h.From}->{h.To} mean_days", "", h.Count, b?.MeanDays ?? double.NaN, h.MeanDays, h.MeanDays - (b?.MeanDays ?? double.NaN),
                $"p90 {b?.P90Days}; total {b?.TotalDays}", $"p90 {h.P90Days}; total {h.TotalDays}");
        }

        return sb.ToString();
    }

    private static string Warnings(IReadOnlyList<double> thresholds, IReadOnlyList<int>? counts) =>
        counts is null ? "" : string.Join("; ", thresholds.Select((t, i) => $"{t:P0} warned {counts[i]}"));
}
