using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Reports;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Apis;

/// <summary>
/// <c>GET /api/reports/handoffs?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: handoff p50/p95/max per department pair and per
/// step in the period (default: the last 7 days, China business dates), and the applications waiting in each department
/// now with their ages. For the platform team.
/// </summary>
public static class HandoffReportApi
{
    public const int MaxRangeDays = 366;

    public static IEndpointRouteBuilder MapHandoffReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(AcceptanceApis.Reports).WithTags("Reports").MapGet("/handoffs", Handoffs).RequireAuthorization(Policies.Platform);
        return app;
    }

    public static async Task<Results<Ok<HandoffReport>, ValidationProblem>> Handoffs(
        string? from, string? to, AcceptanceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var toDate = QueryValues.Date(to, "to", errors) ?? ChinaTime.BusinessDate(now);
        var fromDate = QueryValues.Date(from, "from", errors) ?? toDate.AddDays(-6);
        if (errors.Count == 0 && (toDate < fromDate || toDate.DayNumber - fromDate.DayNumber > MaxRangeDays))
        {
            errors["to"] = [$"to must be on or after from, at most {MaxRangeDays} days later."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The handoff report query is not valid.");
        }
        return TypedResults.Ok(await HandoffReportBuilder.BuildAsync(db, now, fromDate, toDate, cancellationToken));
    }
}
