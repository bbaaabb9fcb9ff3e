namespace YeKuo.Contracts;

/// <summary>The one home of the departments: names, service, API and worklist address. Security claims, the services' endpoints, the gateway's routes, the web and telemetry read it.</summary>
public static class DepartmentCatalogue
{
    public static readonly IReadOnlyList<DepartmentDefinition> All =
    [
        new(Department.Acceptance, "营销部（受理）", "受理", "Marketing (acceptance)", "Acceptance", "acceptance", "/api/applications", HostsWorkItems: true),
        new(Department.SupplyScheme, "发展策划部（供电方案）", "供电方案", "Planning (supply scheme)", "Supply scheme", "supplyscheme", "/api/supply-scheme", HostsWorkItems: true),
        new(Department.Inspection, "运检部（工程检查）", "工程检查", "Operations (inspection)", "Inspection", "inspection", "/api/inspection", HostsWorkItems: true),
        new(Department.Metering, "计量中心（计量接电）", "计量接电", "Metering centre (connection)", "Metering", "metering", "/api/metering", HostsWorkItems: true),
        new(Department.Notification, "客户服务中心（通知）", "通知", "Customer service (notification)", "Notification", "notification", "/api/notifications", HostsWorkItems: false),
        new(Department.Customer, "客户", "客户", "Customer", "Customer", null, null, HostsWorkItems: false),
    ];

    private static readonly Dictionary<Department, DepartmentDefinition> ByDepartment = All.ToDictionary(d => d.Department);

    public static DepartmentDefinition Of(Department department) =>
        ByDepartment.TryGetValue(department, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(department), department, "The department has no entry in the department catalogue.");

    public static bool TryGet(string? name, out DepartmentDefinition definition)
    {
        definition = null!;
        // Names only: Enum.TryParse would also take "1".
        return name is { Length: > 0 } && char.IsLetter(name[0])
            && Enum.TryParse<Department>(name, ignoreCase: true, out var department) && ByDepartment.TryGetValue(department, out definition!);
    }

    /// <summary>Where <paramref name="department"/>'s service API is behind the gateway.</summary>
    public static string ApiPrefixOf(Department department) =>
        Of(department).ApiPrefix ?? throw new ArgumentOutOfRangeException(nameof(department), department, "The department runs no service.");

    /// <summary>The departments that run a service (every one but the customer).</summary>
    public static IReadOnlyList<DepartmentDefinition> Services { get; } = All.Where(d => d.Service is not null).ToArray();
}
