using YeKuo.Contracts;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>Department claim values: the names of the departments in <see cref="DepartmentCatalogue"/> that run a service.</summary>
public static class Departments
{
    public const string Acceptance = nameof(Department.Acceptance);
    public const string SupplyScheme = nameof(Department.SupplyScheme);
    public const string Inspection = nameof(Department.Inspection);
    public const string Metering = nameof(Department.Metering);
    public const string Notification = nameof(Department.Notification);

    public static readonly IReadOnlyList<string> All = DepartmentCatalogue.Services.Select(d => d.Department.ToString()).ToArray();
}
