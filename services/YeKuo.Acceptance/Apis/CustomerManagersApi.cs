using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Contracts;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Apis;

/// <summary>A customer's manager as seen and changed through the API, with the audit of every change.</summary>
public sealed record CustomerManagerView(
    string CustomerId, string? CustomerName, string CustomerManager, DateTimeOffset AssignedAt, int OpenApplications,
    IReadOnlyList<CustomerManagerChangeView> Changes);

public sealed record CustomerManagerChangeView(string PreviousManager, string CustomerManager, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record ChangeCustomerManagerRequest(string? CustomerManager, string? Reason);

/// <summary>
/// 客户经理负责制 (seed 004, 一对一): each customer has one manager for all their applications. Heads and admins list
/// and change them (with a reason, audited; every open application follows, and Notification hears of it through
/// <see cref="CustomerManagerChanged"/>); a 客户经理 reads only their own customers.
/// </summary>
public static class CustomerManagersApi
{
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapCustomerManagersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(AcceptanceApis.Customers).WithTags("Customer managers");
        api.MapGet("/", List).RequireAuthorization(Policies.CustomerManager);
        api.MapGet("/{customerId}/manager", Get).RequireAuthorization(Policies.CustomerManager);
        api.MapPut("/{customerId}/manager", Change).RequireAuthorization(Policies.HeadOf(Departments.Acceptance));
        return app;
    }

    /// <summary>Customers and their managers (a 客户经理: their own), optionally of one <paramref name="manager"/>.</summary>
    public static async Task<Ok<CustomerManagerView[]>> List(
        AcceptanceDbContext db, HttpContext http, string? manager, CancellationToken cancellationToken)
    {
        var query = db.CustomerManagers.AsNoTracking();
        if (CurrentUser.IsManagerOnly(http.User))
        {
            var self = CurrentUser.NameOf(http);
            query = query.Where(a => a.CustomerManager == self);
        }
        if (!string.IsNullOrWhiteSpace(manager))
        {
            query = query.Where(a => a.CustomerManager == manager);
        }
        var assignments = await query.OrderBy(a => a.CustomerManager).ThenBy(a => a.CustomerId).Take(1000).ToListAsync(cancellationToken);
        var views = new List<CustomerManagerView>(assignments.Count);
        foreach (var assignment in assignments)
        {
            views.Add(await ViewAsync(db, assignment, withChanges: false, cancellationToken));
        }
        return TypedResults.Ok(views.ToArray());
    }

    public static async Task<Results<Ok<CustomerManagerView>, ProblemHttpResult>> Get(
        string customerId, AcceptanceDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var assignment = await db.CustomerManagers.AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (assignment is null || (CurrentUser.IsManagerOnly(http.User) && assignment.CustomerManager != CurrentUser.NameOf(http)))
        {
            return NotFound(customerId);
        }
        return TypedResults.Ok(await ViewAsync(db, assignment, withChanges: true, cancellationToken));
    }

    /// <summary>Hands a customer to another 客户经理: a head of 受理 or an admin, with a reason.</summary>
    public static async Task<Results<Ok<CustomerManagerView>, ValidationProblem, ProblemHttpResult>> Change(
        string customerId, ChangeCustomerManagerRequest request, AcceptanceDbContext db, CustomerManagerAssigner managers,
        IEventOutbox outbox, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var manager = request.CustomerManager?.Trim();
        if (string.IsNullOrEmpty(manager) || !managers.IsManager(manager))
        {
            errors["customerManager"] = ["Name one of the configured 客户经理 (CustomerManagers:Names)."];
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || TextRules.SingleLineProblem(reason) is not null)
        {
            errors["reason"] = [$"A change of 客户经理 needs a reason of 1 to {MaxReasonLength} printable characters on one line."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The change of 客户经理 is not valid.");
        }

        var assignment = await db.CustomerManagers.FirstOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (assignment is null)
        {
            return NotFound(customerId);
        }

        var now = time.GetUtcNow();
        var audit = http.Audit().Before(assignment.CustomerManager);
        try
        {
            db.CustomerManagerChanges.Add(assignment.Reassign(manager!, reason!, CurrentUser.NameOf(http), now));
        }
        catch (ApplicationRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "Nothing to change.", rule.Message);
        }

        // Every open application of the customer follows; closed ones keep the manager they had.
        var open = await db.Applications.Where(a => a.CustomerId == customerId && a.Status == ApplicationStatus.InProgress).ToListAsync(cancellationToken);
        var moved = open.Where(a => a.FollowManagerChange(manager!)).Select(a => a.Id).ToArray();
        var previous = db.Entry(assignment).Property(a => a.CustomerManager).OriginalValue;
        outbox.Enqueue(new CustomerManagerChanged(customerId, previous, manager!, moved, now), moved.Length > 0 ? moved[0] : null);
        audit.After(manager);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this customer or one of their applications first.", "Reload and try again.");
        }
        return TypedResults.Ok(await ViewAsync(db, assignment, withChanges: true, cancellationToken));
    }

    private static async Task<CustomerManagerView> ViewAsync(
        AcceptanceDbContext db, CustomerManagerAssignment assignment, bool withChanges, CancellationToken cancellationToken)
    {
        var applications = db.Applications.AsNoTracking().Where(a => a.CustomerId == assignment.CustomerId);
        var name = await applications.OrderByDescending(a => a.SubmittedAt).Select(a => a.CustomerName).FirstOrDefaultAsync(cancellationToken);
        var open = await applications.CountAsync(a => a.Status == ApplicationStatus.InProgress, cancellationToken);
        var changes = withChanges
            ? (await db.CustomerManagerChanges.AsNoTracking().Where(c => c.CustomerId == assignment.CustomerId).ToListAsync(cancellationToken))
                .OrderByDescending(c => c.ChangedAt)
                .Select(c => new CustomerManagerChangeView(c.PreviousManager, c.CustomerManager, c.Reason, c.ChangedBy, c.ChangedAt))
                .ToArray()
            : [];
        return new CustomerManagerView(assignment.CustomerId, name, assignment.CustomerManager, assignment.AssignedAt, open, changes);
    }

    private static ProblemHttpResult NotFound(string customerId) =>
        Problem(StatusCodes.Status404NotFound, "Customer not found.", $"No 客户经理 is assigned to customer {customerId} (their first application is not accepted yet).");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
