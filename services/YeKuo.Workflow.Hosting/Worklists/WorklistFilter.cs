using System.Linq.Expressions;
using System.Security.Claims;
using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Validation;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Worklists;

/// <summary>
/// What a worklist read or stream asks for (<c>status</c>, <c>applicationId</c>, <c>step</c>, <c>assignee</c>) and what
/// the caller may see (a customer: the customer steps of their own applications; a counter clerk: 受理's items and the
/// customer steps they make for customers). One definition for the database query (<see cref="Apply"/>) and for the
/// changes a stream passes on (<see cref="Matches"/>).
/// </summary>
public sealed record WorklistFilter(IReadOnlyList<WorkItemStatus>? Statuses, Guid? ApplicationId, Step? Step, string? Assignee, string? Customer, bool ClerkOnly = false)
{
    /// <summary>The <c>status</c> values and the work item states each one means (null: every state).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<WorkItemStatus>?> StatusSets = new Dictionary<string, IReadOnlyList<WorkItemStatus>?>
    {
        ["all"] = null,
        ["open"] = [WorkItemStatus.Open, WorkItemStatus.InProgress, WorkItemStatus.Paused],
        ["unclaimed"] = [WorkItemStatus.Open],
        ["in-progress"] = [WorkItemStatus.InProgress],
        ["paused"] = [WorkItemStatus.Paused],
        ["completed"] = [WorkItemStatus.Completed],
        ["cancelled"] = [WorkItemStatus.Cancelled],
    };

    /// <summary>The customer steps (e.g. 客户确认方案, 提交设计文件): the only ones a customer sees.</summary>
    private static readonly Step[] CustomerSteps = StepCatalogue.CustomerSteps.ToArray();

    /// <summary>The filter, or the reason the request's values make none.</summary>
    public static (WorklistFilter? Filter, string? Problem) Parse(ClaimsPrincipal user, string? status, Guid? applicationId, string? step, string? assignee)
    {
        if (!StatusSets.TryGetValue(string.IsNullOrEmpty(status) ? "all" : status.ToLowerInvariant(), out var statuses))
        {
            return (null, $"status must be one of {string.Join(", ", StatusSets.Keys.Where(k => k != "all"))}, all; got '{status}'.");
        }
        Step? parsedStep = null;
        if (!string.IsNullOrEmpty(step))
        {
            // By name only: a number would select an arbitrary member.
            if (!QueryValues.TryName<Step>(step, out var parsed))
            {
                return (null, $"'{step}' is not a step; steps are {QueryValues.NamesOf<Step>()}.");
            }
            parsedStep = parsed;
        }
        var customer = CurrentUser.IsCustomer(user) ? CurrentUser.NameOf(user) : null;
        var clerkOnly = customer is null && CurrentUser.IsClerkOnly(user);
        return (new WorklistFilter(statuses, applicationId, parsedStep, string.IsNullOrEmpty(assignee) ? null : assignee, customer, clerkOnly), null);
    }

    /// <summary>The rows this filter selects (the status set written as equalities, which the filtered indexes match).</summary>
    public IQueryable<WorkItem> Apply(IQueryable<WorkItem> items)
    {
        var query = items;
        if (Customer is { } customer)
        {
            var customerSteps = CustomerSteps;
            query = query.Where(w => w.CustomerId == customer && customerSteps.Contains(w.Step));
        }
        else if (ClerkOnly)
        {
            // A clerk acting for customers: their steps here (in 受理's own worklist a clerk is its staff).
            var customerSteps = CustomerSteps;
            query = query.Where(w => w.Department == Department.Acceptance || customerSteps.Contains(w.Step));
        }
        if (Statuses is { } statuses)
        {
            query = query.Where(AnyOf(statuses));
        }
        if (ApplicationId is { } id)
        {
            query = query.Where(w => w.ApplicationId == id);
        }
        if (Step is { } step)
        {
            query = query.Where(w => w.Step == step);
        }
        if (Assignee is { } assignee)
        {
            query = query.Where(w => w.Assignee == assignee);
        }
        return query;
    }

    /// <summary>Whether a changed work item belongs in this worklist now.</summary>
    public bool Matches(WorkItemChange change) => IsInScope(change) && (Statuses is null || Statuses.Contains(change.Status));

    /// <summary>Whether the caller may see the item and it is about what was asked, whatever its state.</summary>
    public bool IsInScope(WorkItemChange change) =>
        (Customer is null || (change.CustomerId == Customer && CustomerSteps.Contains(change.Step)))
        && (!ClerkOnly || change.Department == Department.Acceptance || CustomerSteps.Contains(change.Step))
        && (ApplicationId is null || change.Item.ApplicationId == ApplicationId)
        && (Step is null || change.Step == Step)
        && (Assignee is null || change.Item.Assignee == Assignee);

    // w => w.Status == s1 || w.Status == s2 …: constants, so EF writes them into the SQL (an IN list) as the indexes' filters do.
    private static Expression<Func<WorkItem, bool>> AnyOf(IReadOnlyList<WorkItemStatus> statuses)
    {
        var item = Expression.Parameter(typeof(WorkItem), "w");
        var status = Expression.Property(item, nameof(WorkItem.Status));
        var body = statuses.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<WorkItem, bool>>(body, item);
    }
}
