using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using YeKuo.Acceptance.Foresight;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Schedule.Bottlenecks;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Apis;

/// <summary>
/// The platform's foresight (platform and admins only; the gateway routes /api/reports here): what-if replays of the
/// history under other rules, the bottlenecks of a month, the "Getting Electricity" report and every open application's
/// predicted power-on day. JSON, or CSV with <c>format=csv</c> (or <c>Accept: text/csv</c>).
/// </summary>
public static class ForesightApi
{
    public const int MaxRangeDays = 3660;

    public static IEndpointRouteBuilder MapForesightApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(AcceptanceApis.Reports).WithTags("Foresight").RequireAuthorization(Policies.Platform);
        api.MapPost("/what-if", WhatIf);
        api.MapGet("/bottlenecks", Bottlenecks);
        api.MapGet("/getting-electricity", GettingElectricity);
        api.MapGet("/power-on-forecasts", PowerOnForecasts);
        return app;
    }

    /// <summary><c>POST /api/reports/what-if</c> with a <see cref="WhatIfRequest"/>: the history replayed under it beside the rules as they were.</summary>
    public static async Task<Results<Ok<WhatIfReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> WhatIf(
        WhatIfRequest request, string? format, HttpContext http, ForesightReports reports, TimeLimitPolicyBook policies, CancellationToken cancellationToken)
    {
        var (scenario, errors) = request.ToScenario(policies);
        var csv = WantsCsv(format, http, errors);
        if (scenario is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The what-if scenario is not valid.");
        }
        var (report, comparison) = await reports.WhatIfAsync(request, scenario, cancellationToken);
        if (report.Summary.Applications == 0)
        {
            return TypedResults.Problem(
                title: "No history to replay.",
                detail: "No application has been connected yet; replay the generated history instead (source = generated).",
                statusCode: StatusCodes.Status409Conflict);
        }
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(comparison.ToCsv()), "text/csv; charset=utf-8", "yekuo-what-if.csv")
            : TypedResults.Ok(report);
    }

    /// <summary><c>GET /api/reports/bottlenecks?month=yyyy-MM&amp;source=stored|generated</c> (default: last month, stored history).</summary>
    public static async Task<Results<Ok<BottleneckView>, FileContentHttpResult, ValidationProblem>> Bottlenecks(
        string? month, string? source, string? format, HttpContext http, ForesightReports reports, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = WantsCsv(format, http, errors);
        DateOnly first = reports.LastMonth();
        if (!string.IsNullOrEmpty(month))
        {
            if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year is >= 2024 and <= 2035)
            {
                first = m;
            }
            else
            {
                errors["month"] = ["month must be yyyy-MM between 2024-01 and 2035-12."];
            }
        }
        if (source is not (null or WhatIfRequest.Stored or WhatIfRequest.Generated))
        {
            errors["source"] = ["source must be stored or generated."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The bottleneck query is not valid.");
        }
        var (report, used, history) = await reports.BottlenecksAsync(first, source, cancellationToken);
        return csv
            ? TypedResults.File(ForesightReports.BottlenecksCsv(report), "text/csv; charset=utf-8", $"yekuo-bottlenecks-{first:yyyy-MM}.csv")
            : TypedResults.Ok(new BottleneckView(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), used, history, report));
    }

    /// <summary><c>GET /api/reports/getting-electricity?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (default: the last 12 months).</summary>
    public static async Task<Results<Ok<GettingElectricityReport>, FileContentHttpResult, ValidationProblem>> GettingElectricity(
        string? from, string? to, string? format, HttpContext http, ForesightReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = WantsCsv(format, http, errors);
        var fromDate = QueryValues.Date(from, "from", errors);
        var toDate = QueryValues.Date(to, "to", errors);
        var end = toDate ?? YeKuo.Workflow.Calendar.ChinaTime.BusinessDate(time.GetUtcNow());
        var start = fromDate ?? end.AddYears(-1).AddDays(1);
        if (errors.Count == 0 && (end < start || end.DayNumber - start.DayNumber > MaxRangeDays))
        {
            errors["to"] = [$"to must be on or after from, at most {MaxRangeDays} days later."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }
        var report = await reports.GettingElectricityAsync(start, end, cancellationToken);
        return csv
            ? TypedResults.File(ForesightReports.GettingElectricityCsv(report), "text/csv; charset=utf-8", $"yekuo-getting-electricity-{start:yyyyMMdd}-{end:yyyyMMdd}.csv")
            : TypedResults.Ok(report);
    }

    /// <summary><c>GET /api/reports/power-on-forecasts</c>: every open application's P50/P90 power-on day, latest P90 last.</summary>
    public static async Task<Results<Ok<IReadOnlyList<OpenForecast>>, FileContentHttpResult, ValidationProblem>> PowerOnForecasts(
        string? format, HttpContext http, ForesightReports reports, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = WantsCsv(format, http, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }
        var rows = await reports.OpenForecastsAsync(2000, cancellationToken);
        return csv
            ? TypedResults.File(ForesightReports.OpenForecastsCsv(rows), "text/csv; charset=utf-8", "yekuo-power-on-forecasts.csv")
            : TypedResults.Ok(rows);
    }

    private static bool WantsCsv(string? format, HttpContext http, Dictionary<string, string[]> errors)
    {
        switch (format?.ToLowerInvariant())
        {
            case null or "":
                return http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
            case "csv":
                return true;
            case "json":
                return false;
            default:
                errors["format"] = ["format must be json or csv."];
                return false;
        }
    }
}

/// <summary>The bottlenecks of one month, with where the history came from.</summary>
public sealed record BottleneckView(string Month, string Source, string History, BottleneckReport Report);
