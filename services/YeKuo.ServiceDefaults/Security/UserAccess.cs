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
}
