namespace YeKuo.ServiceDefaults.Security;

/// <summary>Department claim values (the names of the department services' departments).</summary>
public static class Departments
{
    public const string Acceptance = "Acceptance";
    public const string SupplyScheme = "SupplyScheme";
    public const string Inspection = "Inspection";
    public const string Metering = "Metering";
    public const string Notification = "Notification";

    public static readonly IReadOnlyList<string> All = [Acceptance, SupplyScheme, Inspection, Metering, Notification];
}
