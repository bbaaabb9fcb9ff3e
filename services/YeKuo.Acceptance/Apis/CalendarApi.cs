using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Apis;

/// <summary>The working-day calendar (工作日: weekends and 法定节假日 off, 调休 days on), public reference data.</summary>
public static class CalendarApi
{
    public sealed record WorkingDaysAdded(string From, int Days, string Due, IReadOnlyList<int> AssumedYears);

    public sealed record CalendarDay(string Date, string Name);

    public sealed record CalendarYearView(int Year, bool Assumed, string? Source, string? SourceUrl, IReadOnlyList<CalendarDay> DaysOff, IReadOnlyList<CalendarDay> ExtraWorkingDays);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(AcceptanceApis.Calendar).WithTags("Calendar").AllowAnonymous();
        api.MapGet("/working-days/add", Add);
        api.MapGet("/{year:int}", Year);
        return app;
    }

    /// <summary>The N-th working day after <paramref name="from"/> (the deadline rule), and which years were assumed.</summary>
    public static Results<Ok<WorkingDaysAdded>, ValidationProblem> Add(string? from, string? days, WorkingDayCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        var start = QueryValues.Date(from, "from", errors) ?? default;
        if (string.IsNullOrEmpty(from))
        {
            errors["from"] = ["from is required: a date in yyyy-MM-dd form."];
        }
        if (!int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count is < 0 or > WorkingDayCalendar.MaxWorkingDays)
        {
            errors["days"] = [$"days must be a whole number from 0 to {WorkingDayCalendar.MaxWorkingDays}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Cannot add working days.");
        }

        var due = calendar.AddWorkingDays(start, count);
        return TypedResults.Ok(new WorkingDaysAdded(start.ToString("yyyy-MM-dd"), count, due.Date.ToString("yyyy-MM-dd"), due.AssumedYears));
    }

    public static Results<Ok<CalendarYearView>, ProblemHttpResult> Year(int year, WorkingDayCalendar calendar)
    {
        if (year < QueryValues.EarliestDate.Year || year > QueryValues.LatestDate.Year)
        {
            return TypedResults.Problem(new ProblemDetails { Status = 400, Title = "Year out of range.",
                Detail = $"year must be between {QueryValues.EarliestDate.Year} and {QueryValues.LatestDate.Year}." });
        }

        var data = calendar.GetYear(year);
        return TypedResults.Ok(new CalendarYearView(
            year, data.IsAssumed, data.Source?.Title, data.Source?.Url,
            data.DaysOff.Select(d => new CalendarDay(d.Date.ToString("yyyy-MM-dd"), d.Name)).ToArray(),
            data.ExtraWorkingDays.Select(d => new CalendarDay(d.Date.ToString("yyyy-MM-dd"), d.Name)).ToArray()));
    }
}
