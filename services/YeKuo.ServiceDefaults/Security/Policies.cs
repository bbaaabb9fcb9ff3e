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

    /// <summary>Internal read-only views (worklists, reports).</summary>
    public const string InternalReader = "internal-reader";

    public const string CustomerManager = "customer-manager";
    public const string Platform = "platform";
    public const string Admin = "admin";

    public static string StaffOf(string department) => $"staff:{department}";

    public static string HeadOf(string department) => $"head:{department}";
}
