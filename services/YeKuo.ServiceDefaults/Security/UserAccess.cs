using System.Security.Claims;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>Who the validated token says the caller is, and the ownership rule every service applies to customers.</summary>
public static class UserAccess
{
    /// <summary>The token's subject (claim <c>sub</c>); "anonymous" without a validated token.</summary>
    public static string SubjectOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(ClaimNames.Subject)?.Value ?? user.Identity.Name ?? "unknown"
            : "anonymous";

    /// <summary>A customer (not also an admin): sees and acts only on their own applications.</summary>
    public static bool IsCustomer(ClaimsPrincipal user) => user.IsInRole(Roles.Customer) && !user.IsInRole(Roles.Admin);

    /// <summary>False when a customer asks for something of another customer: answer 404 (never 403, which would confirm it exists).</summary>
    public static bool OwnsOrIsStaff(ClaimsPrincipal user, string? customerId) =>
        !IsCustomer(user) || (customerId is not null && customerId == SubjectOf(user));

    /// <summary>A 客户经理 (not also a head or admin): sees only the applications of their own customers.</summary>
    public static bool IsManagerOnly(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CustomerManager) && !user.IsInRole(Roles.DepartmentHead) && !user.IsInRole(Roles.Admin);

    /// <summary>
    /// The ownership rule of every service: may this user see (or act on) the application of <paramref name="customerId"/>,
    /// managed by <paramref name="customerManager"/>? Customers their own, 客户经理 their own customers', staff any.
    /// When false, answer 404 (never 403, which would confirm it exists).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal user, string? customerId, string? customerManager)
    {
        if (IsCustomer(user))
        {
            return customerId is not null && customerId == SubjectOf(user);
        }
        if (IsManagerOnly(user))
        {
            return customerManager is not null && customerManager == SubjectOf(user);
        }
        return true;
    }
}
