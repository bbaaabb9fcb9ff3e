using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Apis;

/// <summary>临时用电's end: the customer (or a counter clerk, or the 客户经理, for them) chooses removal or conversion.</summary>
public static class TemporarySupplyApi
{
    public sealed record EndingRequest(string? Ending);

    public static IEndpointRouteBuilder MapTemporarySupplyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/applications/{id:guid}/temporary-supply/ending", Decide).WithTags("Applications").RequireAuthorization(Policies.CustomerOrStaff);
        return app;
    }

    public static async Task<Results<Ok<ApplicationDetails>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, EndingRequest request, AcceptanceDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<TemporarySupplyEnding>(request.Ending, ignoreCase: false, out var ending) || !Enum.IsDefined(ending)
            || request.Ending is not { Length: > 0 } || char.IsDigit(request.Ending[0]))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["ending"] = [$"ending must be {string.Join(" or ", Enum.GetNames<TemporarySupplyEnding>())} (拆除销户, 转为正式用电)."] },
                title: "How does the temporary supply end?");
        }
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !CurrentUser.CanSee(http.User, application.CustomerId, application.CustomerManager))
        {
            return Problem(StatusCodes.Status404NotFound, "Application not found.", $"There is no application {id}.");
        }

        var now = time.GetUtcNow();
        var audit = http.Audit().Target(id, id).Before(application.TemporaryEnding?.ToString() ?? "undecided");
        try
        {
            application.EndTemporarySupply(ending, now);
            audit.After(ending.ToString());
            outbox.Enqueue(new TemporarySupplyEnded(
                application.Id, application.Number, application.CustomerId, ending, application.TemporaryUntil!.Value, CurrentUser.NameOf(http), now), id);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ApplicationRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The application does not allow this now.", rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this application first.", "Reload it and try again.");
        }
        var timeline = await db.Timeline.AsNoTracking().Where(e => e.ApplicationId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(application.ToDetails(timeline));
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
