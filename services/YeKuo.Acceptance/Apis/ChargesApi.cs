using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Apis;

/// <summary>An application's charges record (assessed, paid, refunded, by item): whoever may read the application.</summary>
public static class ChargesApi
{
    public static IEndpointRouteBuilder MapChargesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/applications/{id:guid}/charges", Get).WithTags("Applications").RequireAuthorization(Policies.CustomerOrStaff);
        return app;
    }

    public static async Task<Results<Ok<ApplicationCost>, ProblemHttpResult>> Get(
        Guid id, AcceptanceDbContext db, ApplicationCosts costs, HttpContext http, CancellationToken cancellationToken)
    {
        var owner = await db.Applications.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.CustomerId, a.CustomerManager }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null || !CurrentUser.CanSee(http.User, owner.CustomerId, owner.CustomerManager))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Application not found.", detail: $"There is no application {id}.");
        }
        return TypedResults.Ok(await costs.OfAsync(id, cancellationToken));
    }
}
