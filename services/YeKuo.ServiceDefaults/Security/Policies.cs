namespace YeKuo.ServiceDefaults.Security;

/// <summary>The named authorization policies; every endpoint names one (see docs/security.md for the matrix).</summary>
public static class Policies
{
    public const string Authenticated = "authenticated";
    public const string Customer = "customer";

    /// <summary>Who may submit an application: the customer, or a counter clerk on their behalf.</summary>
    public const string Applicant = "applicant";

    /// <summary>Reading an application: its customer (ownership checked by the endpoint) or staff.</summary>
    public const string CustomerOrStaff = "customer-or-staff";

    /// <summary>
    /// An application's 进度偏差分析 (plan vs actual per step, floats, critical path): whoever may read the application,
    /// and the platform team, because the analysis carries no personal data (ids, steps, working days).
    /// </summary>
    public const string DeviationReader = "deviation-reader";

    /// <summary>Internal read-only views (worklists, reports).</summary>
    public const string InternalReader = "internal-reader";

    /// <summary>Internal staff who act (clerks, department staff and heads, 客户经理); not platform or partners.</summary>
    public const string Staff = "staff";

    public const string CustomerManager = "customer-manager";

    /// <summary>Staff and heads of any department (and admins): e.g. the scheme reviews, where each department gives its own opinion.</summary>
    public const string DepartmentStaff = "department-staff";
    public const string Platform = "platform";
    /// <summary>Partner systems: webhook subscriptions and events only.</summary>
    public const string Partner = "partner";

    public const string Admin = "admin";

    public static string StaffOf(string department) => $"staff:{department}";

    public static string HeadOf(string department) => $"head:{department}";

    /// <summary>
    /// A department's worklist where customers also hold work items (客户确认方案 in SupplyScheme, the requests that open
    /// the inspections in Inspection): its staff, customers (their own customer steps) and counter clerks acting for a
    /// customer (customer steps only); ownership is checked per item.
    /// </summary>
    public static string StaffOrCustomerOf(string department) => $"staff-or-customer:{department}";
}
