using YeKuo.Web.Api;

namespace YeKuo.Web.Components.Shared;

/// <summary>Where each department's worklist lives behind the gateway.</summary>
public static class DepartmentApis
{
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Acceptance"] = "api/applications",
        ["SupplyScheme"] = "api/supply-scheme",
        ["Inspection"] = "api/inspection",
        ["Metering"] = "api/metering",
    };

    public static string? PrefixOf(string department) => Prefixes.GetValueOrDefault(department);
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
