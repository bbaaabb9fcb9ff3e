using System.Text.Json;

namespace YeKuo.Workflow.Calendar;

/// <summary>
/// Reads the project's calendar file format (<c>yekuo-working-calendar/1</c>, see Calendar/README.md).
/// Only shape is checked here; the business rules (dates inside the year, 调休 days on weekends) are
/// enforced by <see cref="WorkingDayCalendar"/> so custom data built in code gets the same checks.
/// </summary>
public static class CalendarDataReader
{
    public const string Format = "yekuo-working-calendar/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<CalendarYearData> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<FileDto>(json, Options)
            ?? throw new FormatException("Calendar data is empty.");
        if (file.Format != Format)
            throw new FormatException($"Calendar data format '{file.Format}' is not '{Format}'.");
        if (file.Years is null)
            throw new FormatException("Calendar data has no 'years'.");

        return file.Years.Select(y => new CalendarYearData(
                y.Year,
                new SourceNotice(
                    y.Source?.Title ?? throw new FormatException($"Year {y.Year} has no source title."),
                    y.Source.Url ?? throw new FormatException($"Year {y.Year} has no source url.")),
                ToDays(y.DaysOff),
                ToDays(y.ExtraWorkingDays)))
            .ToArray();
    }

    private static NamedDay[] ToDays(List<DayDto>? days) =>
        (days ?? []).Select(d => new NamedDay(d.Date, d.Name ?? "")).ToArray();

    private sealed record FileDto(string? Format, List<YearDto>? Years);

    private sealed record YearDto(int Year, SourceDto? Source, List<DayDto>? DaysOff, List<DayDto>? ExtraWorkingDays);

    private sealed record SourceDto(string? Title, string? Url);

    private sealed record DayDto(DateOnly Date, string? Name);
}
