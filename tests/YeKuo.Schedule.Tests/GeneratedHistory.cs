using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.History;

namespace YeKuo.Schedule.Tests;

/// <summary>One generated history of 5,000 applications for every test in the assembly (generating it is deterministic).</summary>
internal static class GeneratedHistory
{
    private static readonly Lazy<ApplicationHistory> Lazy = new(() =>
        HistoryGenerator.Generate(new HistoryGeneratorSettings(Applications: 5000, Seed: 20261205), ScheduleCalendar.Default));

    public static ApplicationHistory Value => Lazy.Value;
}
