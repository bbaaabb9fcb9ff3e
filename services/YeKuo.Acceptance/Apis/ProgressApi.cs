using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using YeKuo.Acceptance.Progress;

namespace YeKuo.Acceptance.Apis;

/// <summary>The customer's progress query (cached in Redis), the deviation analysis and the 客户经理 worklist.</summary>
public static class ProgressApi
{
    public const string CacheHeader = "X-Progress-Cache";

    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").WithTags("Progress");
        api.MapGet("/{id:guid}/progress", GetProgress);
        api.MapGet("/{id:guid}/deviation", GetDeviation);
        api.MapGet("/managers/{manager}/worklist", Worklist);
        return app;
    }

    /// <summary>The customer-facing subset; header <c>X-Progress-Cache</c> says hit, miss or bypass.</summary>
    public static async Task<Results<Ok<CustomerProgress>, ProblemHttpResult>> GetProgress(
        Guid id, ProgressCache cache, ProgressReader reader, HttpContext http, CancellationToken cancellationToken)
    {
        var (progress, outcome) = await cache.GetAsync(id, reader, cancellationToken);
        http.Response.Headers[CacheHeader] = outcome.ToString().ToLowerInvariant();
        return progress is null ? NotFound(id) : TypedResults.Ok(progress);
    }

    public static async Task<Results<Ok<DeviationReport>, ProblemHttpResult>> GetDeviation(
        Guid id, ProgressReader reader, DeviationAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound(id);
        }
        return analyzer.Analyse(snapshot.Application, snapshot.Steps, snapshot.Pauses) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The application has no step plan yet.",
                Detail = "Deviation is analysed against the policy version fixed at acceptance; this application is not accepted.",
            });
    }

    public static async Task<Results<Ok<IReadOnlyList<WorklistEntry>>, ValidationProblem>> Worklist(
        string manager, ManagerWorklist worklist, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(manager) || manager.Length > 64)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["manager"] = ["manager must be a 客户经理 name of 1 to 64 characters."] },
                title: "Unknown 客户经理.");
        }
        return TypedResults.Ok(await worklist.ForAsync(manager, cancellationToken));
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = "Application not found.", Detail = $"There is no application {id}.",
    });
}
