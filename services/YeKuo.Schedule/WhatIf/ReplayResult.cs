using YeKuo.Contracts;

namespace YeKuo.Schedule.WhatIf;

/// <summary>On-time rate, days and 预警 of the department clocks of one department in one month (by the clock's end).</summary>
public sealed record DepartmentMonthFigures(Department Department, string Month, int Clocks, double OnTimeRate, double MeanDays, IReadOnlyList<int> Warnings);

/// <summary>Days per step over the replay.</summary>
public sealed record StepFigures(Step Step, int Clocks, double OnTimeRate, double MeanDays, int P90Days);

/// <summary>A handoff between departments: how many, how long on average and at the 90th percentile. Month null = the whole period.</summary>
public sealed record HandoffFigures(Department From, Department To, string? Month, int Count, double MeanDays, int P90Days, int TotalDays);

/// <summary>History replayed under one scenario, with its figures by department, month, step and handoff.</summary>
public sealed class ReplayResult
{
    public ReplayResult(WhatIfScenario scenario, IReadOnlyList<ReplayedClock> clocks, IReadOnlyList<ReplayedHandoff> handoffs, IReadOnlyList<int> totalDays)
    {
        Scenario = scenario;
        Clocks = clocks;
        Handoffs = handoffs;
        var judged = clocks.Where(c => c.Judged).ToArray();
        OnTimeRate = Rate(judged);
        MeanDaysToPowerOn = totalDays.Count == 0 ? 0 : totalDays.Average();
        ApplicationsOnTime = judged.GroupBy(c => c.ApplicationId).Count(g => g.All(c => c.OnTime));
        Applications = totalDays.Count;
        ByDepartmentMonth = judged
            .GroupBy(c => (c.Department, Month: c.EndDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(g => g.Key.Department).ThenBy(g => g.Key.Month, StringComparer.Ordinal)
            .Select(g => new DepartmentMonthFigures(g.Key.Department, g.Key.Month, g.Count(), Rate(g), g.Average(c => c.Days),
                scenario.Thresholds.Select(t => g.Count(c => c.Warned(t))).ToArray()))
            .ToArray();
        ByStep = clocks
            .GroupBy(c => c.Step).OrderBy(g => g.Key)
            .Select(g => new StepFigures(g.Key, g.Count(), Rate(g), g.Average(c => c.Days), Percentile(g.Select(c => c.Days), 0.9)))
            .ToArray();
        HandoffsByPair = HandoffFiguresOf(handoffs, byMonth: false);
        HandoffsByPairAndMonth = HandoffFiguresOf(handoffs, byMonth: true);
    }

    public WhatIfScenario Scenario { get; }

    public IReadOnlyList<ReplayedClock> Clocks { get; }

    public IReadOnlyList<ReplayedHandoff> Handoffs { get; }

    public int Applications { get; }

    /// <summary>Share of judged clocks that met their limit.</summary>
    public double OnTimeRate { get; }

    /// <summary>Applications every judged clock of which met its limit (按时办结).</summary>
    public int ApplicationsOnTime { get; }

    public double MeanDaysToPowerOn { get; }

    public IReadOnlyList<DepartmentMonthFigures> ByDepartmentMonth { get; }

    public IReadOnlyList<StepFigures> ByStep { get; }

    /// <summary>Handoffs by department pair over the whole history, slowest (mean) first.</summary>
    public IReadOnlyList<HandoffFigures> HandoffsByPair { get; }

    public IReadOnlyList<HandoffFigures> HandoffsByPairAndMonth { get; }

    internal static int Percentile(IEnumerable<int> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static double Rate(IEnumerable<ReplayedClock> clocks)
    {
        var list = clocks as ICollection<ReplayedClock> ?? clocks.ToArray();
        return list.Count == 0 ? 1 : list.Count(c => c.OnTime) / (double)list.Count;
    }

    private static HandoffFigures[] HandoffFiguresOf(IEnumerable<ReplayedHandoff> handoffs, bool byMonth) => handoffs
        .GroupBy(h => (h.From, h.To, Month: byMonth ? h.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : null))
        .Select(g => new HandoffFigures(g.Key.From, g.Key.To, g.Key.Month, g.Count(), g.Average(h => h.Days), Percentile(g.Select(h => h.Days), 0.9), g.Sum(h => h.Days)))
        .OrderByDescending(h => h.MeanDays).ThenBy(h => h.From).ThenBy(h => h.To).ThenBy(h => h.Month, StringComparer.Ordinal)
        .ToArray();
}
