using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using YeKuo.Messaging.Persistence;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.Progress;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.ServiceDefaults.Security;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Acceptance.Apis;

/// <summary>受理: submit, follow, withdraw and reject applications; the 受理 worklist.</summary>
public static class ApplicationsApi
{
    private const int MaxNumberAttempts = 10;

    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DepartmentCatalogue.ApiPrefixOf(Department.Acceptance)).WithTags("Applications");
        api.MapPost("/", Submit).RequireAuthorization(Policies.Applicant).WithOneConnection<AcceptanceDbContext>();
        api.MapGet("/", List).RequireAuthorization(Policies.CustomerOrStaff);
        api.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.CustomerOrStaff);
        api.MapPost("/{id:guid}/withdraw", Withdraw).RequireAuthorization(Policies.Customer).WithOneConnection<AcceptanceDbContext>();
        api.MapPost("/work-items/{workItemId:guid}/reject", Reject).RequireAuthorization(Policies.StaffOf(Departments.Acceptance))
            .WithOneConnection<AcceptanceDbContext>();
        app.MapWorkItemsApi<AcceptanceDbContext>(Department.Acceptance);
        return app;
    }

    public static async Task<Results<Created<ApplicationDetails>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitApplicationRequest request, AcceptanceDbContext db, IEventOutbox outbox, DeadlinePlanner deadlines,
        ApplicationNumberGate numbers, SubmissionQuota quota, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.BusinessDate(now);
        // The application keeps the rules in force on the day it is received (受理日).
        var policy = deadlines.Policies.ForDate(today);
        var errors = ApplicationRequestValidator.Validate(request, policy, out var customerClass);
        // What the kind of application needs (新装, 增容, 变更用电, 临时用电), once the class is known.
        var kind = errors.ContainsKey("customerClass") ? null : ApplicationKindValidator.Validate(request, policy, customerClass, today, errors);
        // A customer applies for themselves; only a counter clerk (or an admin) names the customer they act for.
        var onBehalf = http.User.IsInRole(Roles.CounterClerk) || http.User.IsInRole(Roles.Admin);
        var customerId = CurrentUser.NameOf(http);
        if (!string.IsNullOrEmpty(request.CustomerId))
        {
            if (!onBehalf)
            {
                errors["customerId"] = ["customerId is only accepted from a counter clerk submitting on a customer's behalf."];
            }
            else if (request.CustomerId.Length > 64 || TextRules.SingleLineProblem(request.CustomerId) is not null)
            {
                errors["customerId"] = ["customerId must be 1 to 64 printable characters."];
            }
            else
            {
                customerId = request.CustomerId;
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The application is not valid.");
        }

        // Which steps apply depends on the kind, the class and the voltage (policy data).
        var plan = policy.PlanFor(kind!.Kind, customerClass, request.VoltageKv!.Value);
        using var numbering = await numbers.EnterAsync(cancellationToken);
        if (await quota.RetryAfterAsync(db, customerId, now, cancellationToken) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many applications.",
                Detail = "This customer has submitted as many applications as allowed in a day; retry after the time in Retry-After.",
            });
        }
        for (var attempt = 1; ; attempt++)
        {
            var number = await NextNumberAsync(db, today, cancellationToken);
            var application = Application.Submit(
                number, customerId, request.CustomerName!.Trim(), customerClass, request.IdentityNumber!,
                request.ContactPhone!, request.Address!.Trim(), request.CapacityKva!.Value, request.VoltageKv!.Value,
                request.SourceCount!.Value, kind, plan, policy.Version, now);
            var acceptance = WorkItem.Open(
                application.Id, application.Number, application.CustomerId, customerClass, policy.Version, Step.Acceptance,
                Department.Acceptance, round: 1, plan, now, deadlines.For(customerClass, policy.Version, Step.Acceptance, now));

            db.Applications.Add(application);
            db.WorkItems.Add(acceptance);
            outbox.Enqueue(new ApplicationSubmitted(application.Id, application.Number, application.CustomerId, customerClass, now, application.Kind), application.Id);
            outbox.Enqueue(WorkItemEvents.Opened(acceptance), application.Id);
            // A new application: nothing before, Submitted after (the audit row commits with it).
            http.Audit().Target(application.Id, application.Id).After(application.Status.ToString());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/applications/{application.Id}", application.ToDetails([]));
            }
            catch (DbUpdateException) when (attempt < MaxNumberAttempts)
            {
                // Two submissions took the same daily number; take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    public static async Task<Results<Ok<ApplicationSummary[]>, ValidationProblem>> List(
        AcceptanceDbContext db, HttpContext http, string? customerId, string? customerManager, string? status, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (customerId is { Length: > 64 })
        {
            errors["customerId"] = ["customerId is at most 64 characters."];
        }
        if (customerManager is { Length: > 64 })
        {
            errors["customerManager"] = ["customerManager is at most 64 characters."];
        }
        var statusFilter = default(ApplicationStatus);
        if (!string.IsNullOrEmpty(status) && !QueryValues.TryName(status, out statusFilter))
        {
            errors["status"] = [$"status is one of {QueryValues.NamesOf<ApplicationStatus>()}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The application filter is not valid.");
        }

        var query = db.Applications.AsNoTracking();
        // Customers list their own applications, 客户经理 their own customers' (whatever the filters say).
        if (CurrentUser.IsCustomer(http.User))
        {
            var self = CurrentUser.NameOf(http);
            query = query.Where(a => a.CustomerId == self);
        }
        else if (CurrentUser.IsManagerOnly(http.User))
        {
            var self = CurrentUser.NameOf(http);
            query = query.Where(a => a.CustomerManager == self);
        }
        if (!string.IsNullOrEmpty(customerId))
        {
            query = query.Where(a => a.CustomerId == customerId);
        }
        if (!string.IsNullOrEmpty(customerManager))
        {
            query = query.Where(a => a.CustomerManager == customerManager);
        }
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(a => a.Status == statusFilter);
        }
        var applications = await query.OrderByDescending(a => a.SubmittedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(applications.Select(a => a.ToSummary()).ToArray());
    }

    /// <summary>The application with its timeline (pauses, judged steps, verdict) and its 进度偏差分析.</summary>
    public static async Task<Results<Ok<ApplicationDetails>, ProblemHttpResult>> Get(
        Guid id, ProgressReader progress, StepRecords records, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = await progress.LoadAsync(id, cancellationToken);
        if (snapshot is null || !CurrentUser.CanSee(http.User, snapshot.Application.CustomerId, snapshot.Application.CustomerManager))
        {
            return NotFound(id);
        }
        var application = snapshot.Application;
        return TypedResults.Ok(application.ToDetails(snapshot.Timeline, snapshot, snapshot.Network, records));
    }

    public static async Task<Results<Ok<ApplicationDetails>, ProblemHttpResult>> Withdraw(
        Guid id, WithdrawRequest request, AcceptanceDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return Problem(StatusCodes.Status400BadRequest, "reason is required.", "Withdrawing needs a reason of 1 to 500 characters.");
        }

        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !CurrentUser.CanSee(http.User, application.CustomerId, application.CustomerManager))
        {
            return NotFound(id);
        }

        var now = time.GetUtcNow();
        http.Audit().Target(id, id);
        return await SaveAsync(db, application, http, async () =>
        {
            application.Withdraw(request.Reason, now);
            await db.CancelWithdrawnWorkAsync(id, request.Reason, now, cancellationToken);
            outbox.Enqueue(new ApplicationWithdrawn(id, application.Number, application.CustomerId, request.Reason, now), id);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<ApplicationDetails>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid workItemId, RejectRequest request, AcceptanceDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var reasons = request.Reasons?.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray() ?? [];
        if (reasons.Length == 0 || reasons.Length > 20 || reasons.Any(r => r.Length > 200))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reasons"] = ["Give 1 to 20 reasons of at most 200 characters each (e.g. 资料不全: 缺少产权证明)."] },
                title: "A rejection needs its reasons.");
        }

        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == workItemId && w.Step == Step.Acceptance, cancellationToken);
        if (item is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Work item not found.", $"There is no {StepCatalogue.Of(Step.Acceptance).ChineseName} work item {workItemId}.");
        }
        if (!WorkItemsApi.MayAct(http.User, item))
        {
            return WorkItemsApi.HeldBySomeoneElse(item);
        }
        var application = await db.Applications.FirstAsync(a => a.Id == item.ApplicationId, cancellationToken);

        var now = time.GetUtcNow();
        http.Audit().Target(workItemId, application.Id);
        var result = await SaveAsync(db, application, http, () =>
        {
            application.Reject(string.Join("; ", reasons), now);
            item.Cancel("受理不通过", now);
            outbox.Enqueue(new ApplicationRejected(application.Id, application.Number, application.CustomerId, reasons, CurrentUser.NameOf(http), now), application.Id);
            return Task.CompletedTask;
        }, cancellationToken);
        return result.Result switch
        {
            Ok<ApplicationDetails> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    /// <summary>Applies <paramref name="change"/> and saves; the audit row records the application's status before and after.</summary>
    private static async Task<Results<Ok<ApplicationDetails>, ProblemHttpResult>> SaveAsync(
        AcceptanceDbContext db, Application application, HttpContext http, Func<Task> change, CancellationToken cancellationToken)
    {
        var audit = http.Audit().Before(application.Status.ToString());
        try
        {
            await change();
            audit.After(application.Status.ToString());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ApplicationRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The application does not allow this now.", rule.Message);
        }
        catch (WorkItemRuleException rule)
        {
            return Problem(StatusCodes.Status409Conflict, "The work item does not allow this now.", rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status409Conflict, "Someone else changed this application first.", "Reload it and try again.");
        }

        var timeline = await db.Timeline.AsNoTracking().Where(e => e.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(application.ToDetails(timeline));
    }

    private static async Task<string> NextNumberAsync(AcceptanceDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var prefix = ApplicationNumbers.DayPrefix(today);
        var last = await db.Applications
            .Where(a => a.Number.StartsWith(prefix))
            .OrderByDescending(a => a.Number)
            .Select(a => a.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = last is null ? 1 : int.Parse(last[prefix.Length..]) + 1;
        return ApplicationNumbers.Format(today, sequence);
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "Application not found.", $"There is no application {id}.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
