using YeKuo.Contracts;
using YeKuo.Web.Api;

namespace YeKuo.Web.Components.Shared;

/// <summary>Where each department's worklist lives behind the gateway (from the department catalogue).</summary>
public static class DepartmentApis
{
    /// <summary>The worklist prefix without its leading slash (the gateway client's base address ends in one), e.g. <c>api/inspection</c>.</summary>
    public static string? PrefixOf(string? department) =>
        DepartmentCatalogue.TryGet(department, out var definition) ? definition.WorkItemsPrefix?.TrimStart('/') : null;

    /// <summary>The worklist prefix of the department hosting <paramref name="step"/> (a customer step too).</summary>
    public static string? PrefixOfStep(string? step) =>
        StepCatalogue.TryGet(step, out var definition) ? PrefixOf(definition.Department.ToString()) : null;
}

/// <summary>What the pages ask the step catalogue about a step named by the APIs.</summary>
public static class StepInfo
{
    /// <summary>The customer's own step (confirming the scheme, the requests that open the inspections).</summary>
    public static bool IsCustomerStep(string? step) => StepCatalogue.TryGet(step, out var definition) && definition.IsCustomerStep;

    /// <summary>Who answers for the step: its department, or <c>Customer</c>.</summary>
    public static string ResponsibleOf(string step) => StepCatalogue.TryGet(step, out var definition) ? definition.Responsible.ToString() : "";
}

/// <summary>
/// 时限 colours of an open work item: on track, 50% used, 80% used, overdue. The 50%/80% levels are the ones the
/// supervision timers raised (staff notices, measured in working time); overdue is due &lt; now; a pause stops the clock.
/// </summary>
public static class DeadlineLevels
{
    public const string OnTrack = "ontrack";
    public const string Half = "half";
    public const string Most = "most";
    public const string Overdue = "overdue";
    public const string Paused = "paused";

    public static string Of(WorkItem item, IEnumerable<StaffNotice> notices, DateTimeOffset now)
    {
        if (item.Status == "Paused")
        {
            return Paused;
        }
        if (item.DueAt is { } due && due < now)
        {
            return Overdue;
        }
        var levels = notices.Where(n => n.WorkItemId == item.Id).Select(n => n.Kind).ToHashSet();
        return levels.Contains("OverdueWarning") || levels.Contains("Escalation") ? Overdue
            : levels.Contains("MostlyUsedWarning") ? Most
            : levels.Contains("HalfUsedWarning") ? Half
            : OnTrack;
    }

    public static string Name(string level) => level switch
    {
        Half => "已用 50%",
        Most => "已用 80%",
        Overdue => "已超时",
        Paused => "已暂停",
        _ => "正常",
    };
}
