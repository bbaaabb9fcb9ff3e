using YeKuo.Schedule.WhatIf;

namespace YeKuo.Acceptance.Foresight;

/// <summary>Baseline and scenario figures side by side.</summary>
public sealed record Compared(double Baseline, double Scenario)
{
    public double Change => Scenario - Baseline;
}

public sealed record WhatIfSummary(int Applications, Compared OnTimeRate, Compared ApplicationsOnTime, Compared MeanDaysToPowerOn);

/// <summary>Days per step (a department clock): on-time rate, mean and P90 working days.</summary>
public sealed record WhatIfStep(string Step, string Name, int Clocks, Compared OnTimeRate, Compared MeanDays, Compared P90Days);

/// <summary>One department in one month: on-time rate and mean days of its clocks; 预警 counts per threshold.</summary>
public sealed record WhatIfDepartmentMonth(string Department, string Month, int Clocks, Compared OnTimeRate, Compared MeanDays,
    IReadOnlyList<int> BaselineWarnings, IReadOnlyList<int> ScenarioWarnings);

/// <summary>A handoff between two departments: count, mean and P90 working days, slowest (scenario mean) first.</summary>
public sealed record WhatIfHandoff(string From, string To, string? Month, int Count, Compared MeanDays, Compared P90Days);

/// <summary>A what-if replay of the history under another scenario, compared with the rules as they were.</summary>
public sealed record WhatIfReport(
    string Source,
    string History,
    string Scenario,
    IReadOnlyList<double> WarningThresholds,
    WhatIfSummary Summary,
    IReadOnlyList<WhatIfStep> Steps,
    IReadOnlyList<WhatIfDepartmentMonth> DepartmentMonths,
    IReadOnlyList<WhatIfHandoff> SlowestHandoffs,
    IReadOnlyList<WhatIfHandoff> SlowestHandoffsByMonth)
{
    public static WhatIfReport From(string source, string history, WhatIfComparison c)
    {
        var b = c.Baseline;
        var s = c.Scenario;
        var baseSteps = b.ByStep.ToDictionary(x => x.Step);
        var baseMonths = b.ByDepartmentMonth.ToDictionary(x => (x.Department, x.Month));
        var baseHandoffs = b.HandoffsByPairAndMonth.Concat(b.HandoffsByPair).ToDictionary(x => (x.From, x.To, x.Month));
        WhatIfHandoff Handoff(HandoffFigures h)
        {
            baseHandoffs.TryGetValue((h.From, h.To, h.Month), out var bh);
            return new WhatIfHandoff(h.From.ToString(), h.To.ToString(), h.Month, h.Count,
                new Compared(bh?.MeanDays ?? 0, h.MeanDays), new Compared(bh?.P90Days ?? 0, h.P90Days));
        }

        return new WhatIfReport(
            source, history, s.Scenario.Name, s.Scenario.Thresholds,
            new WhatIfSummary(s.Applications, new Compared(b.OnTimeRate, s.OnTimeRate), new Compared(b.ApplicationsOnTime, s.ApplicationsOnTime),
                new Compared(b.MeanDaysToPowerOn, s.MeanDaysToPowerOn)),
            s.ByStep.Select(x =>
            {
                var bx = baseSteps.GetValueOrDefault(x.Step);
                return new WhatIfStep(x.Step.ToString(), Contracts.StepCatalogue.Of(x.Step).ChineseName, x.Clocks,
                    new Compared(bx?.OnTimeRate ?? 0, x.OnTimeRate), new Compared(bx?.MeanDays ?? 0, x.MeanDays), new Compared(bx?.P90Days ?? 0, x.P90Days));
            }).ToArray(),
            s.ByDepartmentMonth.Select(x =>
            {
                var bx = baseMonths.GetValueOrDefault((x.Department, x.Month));
                return new WhatIfDepartmentMonth(x.Department.ToString(), x.Month, x.Clocks, new Compared(bx?.OnTimeRate ?? 0, x.OnTimeRate),
                    new Compared(bx?.MeanDays ?? 0, x.MeanDays), bx?.Warnings ?? [], x.Warnings);
            }).ToArray(),
            s.HandoffsByPair.Take(10).Select(Handoff).ToArray(),
            s.HandoffsByPairAndMonth.Take(20).Select(Handoff).ToArray());
    }
}
