using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Apis;

/// <summary>The customer's progress query (cached in Redis), the deviation analysis and the 客户经理 worklist.</summary>
public static class ProgressApi
{
    public const string CacheHeader = "X-Progress-Cache";

    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/applications").WithTags("Progress");
        api.MapGet("/{id:guid}/progress", GetProgress).RequireAuthorization(Policies.CustomerOrStaff);
        // The platform team reads it too (the web front end's Gantt chart): no personal data in it.
        api.MapGet("/{id:guid}/deviation", GetDeviation).RequireAuthorization(Policies.DeviationReader);
        api.MapGet("/managers/{manager}/worklist", Worklist).RequireAuthorization(Policies.CustomerManager);
        return app;
    }

    /// <summary>The customer-facing subset; header <c>X-Progress-Cache</c> says hit, miss or bypass.</summary>
    public static async Task<Results<Ok<CustomerProgress>, ProblemHttpResult>> GetProgress(
        Guid id, ProgressCache cache, ProgressReader reader, AcceptanceDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (cached, outcome) = await cache.GetAsync(id, reader, cancellationToken);
        if (cached is null || !await CanSeeAsync(db, http, id, cached, cancellationToken))
        {
            return NotFound(id);
        }
        http.Response.Headers[CacheHeader] = outcome.ToString().ToLowerInvariant();
        return TypedResults.Ok(cached.Progress);
    }

    public static async Task<Results<Ok<DeviationReport>, ProblemHttpResult>> GetDeviation(
        Guid id, ProgressReader reader, DeviationAnalyzer analyzer, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = await reader.LoadAsync(id, cancellationToken);
        if (snapshot is null || !CurrentUser.CanSee(http.User, snapshot.Application.CustomerId, snapshot.Application.CustomerManager))
        {
            return NotFound(id);
        }
        return analyzer.Analyse(snapshot.Application, snapshot.Steps, snapshot.Now) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The application has no step plan yet.",
                Detail = "Deviation is analysed against the policy version fixed at acceptance; this application is not accepted.",
            });
    }

    public static async Task<Results<Ok<IReadOnlyList<WorklistEntry>>, ValidationProblem, ForbidHttpResult>> Worklist(
        string manager, ManagerWorklist worklist, HttpContext http, CancellationToken cancellationToken)
    {
        // A 客户经理 reads their own worklist; heads and admins anyone's.
        if (CurrentUser.IsManagerOnly(http.User) && manager != CurrentUser.NameOf(http))
        {
            return TypedResults.Forbid();
        }
        if (string.IsNullOrWhiteSpace(manager) || manager.Length > 64)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["manager"] = ["manager must be a 客户经理 name of 1 to 64 characters."] },
                title: "Unknown 客户经理.");
        }
        return TypedResults.Ok(await worklist.ForAsync(manager, cancellationToken));
    }

    /// <summary>
    /// Customers see only their own applications, 客户经理 only their customers' (others: 404, not 403). The owner in
    /// the cache is exact (an application's customer never changes), so a customer's read costs no database query; the
    /// 客户经理 is assigned at acceptance and may change, so a manager's read checks the database.
    /// </summary>
    private static async Task<bool> CanSeeAsync(AcceptanceDbContext db, HttpContext http, Guid id, CachedProgress cached, CancellationToken cancellationToken)
    {
        if (CurrentUser.IsCustomer(http.User))
        {
            return CurrentUser.CanSee(http.User, cached.CustomerId);
        }
        if (!CurrentUser.IsManagerOnly(http.User))
        {
            return true;
        }
        var manager = await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.CustomerManager).FirstOrDefaultAsync(cancellationToken);
        return CurrentUser.CanSee(http.User, cached.CustomerId, manager);
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound, Title = "Application not found.", Detail = $"There is no application {id}.",
    });
}
