namespace YeKuo.Contracts;

/// <summary>
/// What Acceptance serves besides its department's API (<see cref="DepartmentDefinition.ApiPrefix"/>): the public
/// reference data (working calendar, time-limit policies), the platform's reports and the customer records. Acceptance
/// maps its endpoints under these prefixes and the gateway routes them to it.
/// </summary>
public static class AcceptanceApis
{
    public const string Calendar = "/api/calendar";
    public const string Policies = "/api/policies";
    public const string Reports = "/api/reports";
    public const string Customers = "/api/customers";

    public static readonly IReadOnlyList<string> All = [Calendar, Policies, Reports, Customers];

    /// <summary>Reference data anyone may read without a token (rate-limited per client at the gateway).</summary>
    public static readonly IReadOnlyList<string> Public = [Calendar, Policies];
}
