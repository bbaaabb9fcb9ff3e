namespace YeKuo.Tests.Support;

/// <summary>The roles the tests' named identities play (shared by in-process tests and the gateway tests' dev tokens).</summary>
public static class TestIdentities
{
    /// <summary>Who acts when a test names nobody: an admin, who may read and do everything.</summary>
    public const string Operator = "test-operator";

    private static readonly string[] Departments = ["Acceptance", "SupplyScheme", "Inspection", "Metering", "Notification"];

    /// <summary>
    /// The role a test identity plays, by its name: admin*, cust*/customer*, clerk*, manager*, platform*, partner*,
    /// head* (head of <paramref name="defaultDepartment"/>), meeting-* (the SupplyScheme head who chairs the 方案审查会), staff-&lt;department&gt;, reviewer-&lt;review key&gt; (staff of the department giving that opinion); anyone else is staff of <paramref name="defaultDepartment"/> (the service under test).
    /// </summary>
    /// <summary>The department whose API a path belongs to (the default department of identities not named otherwise).</summary>
    public static string DepartmentOfPath(string path) =>
        path.StartsWith("/api/supply-scheme") ? "SupplyScheme"
        : path.StartsWith("/api/inspection") ? "Inspection"
        : path.StartsWith("/api/metering") ? "Metering"
        : path.StartsWith("/api/notifications") ? "Notification"
        : "Acceptance";

    /// <summary>
    /// The department whose staff give a reviewing department's scheme opinion (<c>reviewer-operations</c> is 运检 staff of
    /// Inspection, as in the shipped staff directory and <c>SchemeReviewOptions.DefaultReviewerDepartments</c>).
    /// </summary>
    public static string ReviewerDepartmentOf(string reviewKey) => reviewKey switch
    {
        "operations" => "Inspection",
        "metering" => "Metering",
        "marketing" => "Acceptance",
        _ => "SupplyScheme",
    };

    public static (string Role, string? Department) IdentityOf(string user, string defaultDepartment)
    {
        var name = user.ToLowerInvariant();
        if (name.StartsWith("admin") || name == Operator) return ("admin", null);
        if (name.StartsWith("cust")) return ("customer", null);
        if (name.StartsWith("clerk")) return ("clerk", null);
        if (name.StartsWith("manager")) return ("manager", null);
        if (name.StartsWith("platform")) return ("platform", null);
        if (name.StartsWith("partner")) return ("partner", null);
        if (name.StartsWith("meeting-")) return ("head", "SupplyScheme");
        if (name.StartsWith("head")) return ("head", defaultDepartment);
        if (name.StartsWith("reviewer")) return ("staff", ReviewerDepartmentOf(name["reviewer".Length..].TrimStart('-')));
        if (name.StartsWith("staff-") && Departments.FirstOrDefault(d => name == "staff-" + d.ToLowerInvariant()) is { } department)
        {
            return ("staff", department);
        }
        return ("staff", defaultDepartment);
    }

}
