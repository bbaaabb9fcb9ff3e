using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Validation;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using YeKuo.Acceptance.Reports;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Acceptance.Apis;

/// <summary>Service-level reports (办理时长, 按时办结率, 投诉率, 满意度); the gateway routes /api/reports here.</summary>
public static class ReportsApi
{
    public const int MaxRangeDays = 3660;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(AcceptanceApis.Reports).WithTags("Reports").RequireAuthorization(Policies.Platform);
        reports.MapGet("/performance", Performance);
        reports.MapGet("/responsible", Responsible);
        reports.MapGet("/costs", Costs);
        return app;
    }

    /// <summary><c>?groupBy=department|customerClass|kind|month&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;format=json|csv</c> (or <c>Accept: text/csv</c>).</summary>
    public static async Task<Results<Ok<PerformanceReport>, FileContentHttpResult, ValidationProblem>> Performance(
        string? groupBy, string? from, string? to, string? format, HttpContext http, PerformanceReportBuilder builder,
        CancellationToken cancellationToken)
    {
        var (query, csv, errors) = Parse(groupBy, from, to, format, http);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }
        var report = await builder.BuildAsync(query!, cancellationToken);
        return csv == true
            ? TypedResults.File(PerformanceReportBuilder.ToCsv(report), "text/csv; charset=utf-8",
                $"yekuo-performance-{report.GeneratedAt:yyyyMMddHHmmss}.csv")
            : TypedResults.Ok(report);
    }

    /// <summary>Figures per 责任人, with the same query as <see cref="Performance"/>.</summary>
    public static async Task<Results<Ok<ResponsibleReport>, FileContentHttpResult, ValidationProblem>> Responsible(
        string? groupBy, string? from, string? to, string? format, HttpContext http, ResponsibleReportBuilder builder,
        CancellationToken cancellationToken)
    {
        var (query, csv, errors) = Parse(groupBy, from, to, format, http);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }
        var report = await builder.BuildAsync(query!, cancellationToken);
        return csv == true
            ? TypedResults.File(ResponsibleReportBuilder.ToCsv(report), "text/csv; charset=utf-8",
                $"yekuo-responsible-{report.GeneratedAt:yyyyMMddHHmmss}.csv")
            : TypedResults.Ok(report);
    }

    private static (ReportQuery? Query, bool? Csv, Dictionary<string, string[]>? Errors) Parse(
        string? groupBy, string? from, string? to, string? format, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var grouping = ReportGrouping.None;
        if (!string.IsNullOrEmpty(groupBy))
        {
            grouping = groupBy.ToLowerInvariant() switch
            {
                "department" => ReportGrouping.Department,
                "customerclass" => ReportGrouping.CustomerClass,
                "month" => ReportGrouping.Month,
                "kind" => ReportGrouping.Kind,
                _ => ReportGrouping.None,
            };
            if (grouping == ReportGrouping.None)
            {
                errors["groupBy"] = ["groupBy must be department, customerClass, kind or month."];
            }
        }
        var fromDate = QueryValues.Date(from, "from", errors);
        var toDate = QueryValues.Date(to, "to", errors);
        if (fromDate is { } f && toDate is { } t && (t < f || t.DayNumber - f.DayNumber > MaxRangeDays))
        {
            errors["to"] = [$"to must be on or after from, at most {MaxRangeDays} days later."];
        }

        var csv = format?.ToLowerInvariant() switch
        {
            null or "" => http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)),
            "csv" => true,
            "json" => false,
            _ => (bool?)null,
        };
        if (csv is null)
        {
            errors["format"] = ["format must be json or csv."];
        }
        return errors.Count > 0 ? (null, null, errors) : (new ReportQuery(grouping, fromDate, toDate), csv, null);
    }

    /// <summary>
    /// Cost per application: <c>?groupBy=department|customerClass|kind|month&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;format=json|csv</c>
    /// (days the applications were accepted, China time).
    /// </summary>
    public static async Task<Results<Ok<CostReport>, FileContentHttpResult, ValidationProblem>> Costs(
        string? groupBy, string? from, string? to, string? format, HttpContext http, CostReportBuilder builder, CancellationToken cancellationToken)
    {
        var (query, csv, errors) = Parse(groupBy, from, to, format, http);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "The report query is not valid.");
        }

        var report = await builder.BuildAsync(query!, cancellationToken);
        return csv == true
            ? TypedResults.File(CostReportBuilder.ToCsv(report), "text/csv; charset=utf-8", $"yekuo-costs-{report.GeneratedAt:yyyyMMddHHmmss}.csv")
            : TypedResults.Ok(report);
    }
}
