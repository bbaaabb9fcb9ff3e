using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Workflow.Hosting;

/// <summary>
/// Who is acting: the validated token's subject (claim <c>sub</c>), role and department. Nothing else is trusted: there
/// is no header fallback, so an unauthenticated caller is "anonymous" (and the endpoints' policies have refused it).
/// </summary>
public static class CurrentUser
{
    public static string NameOf(HttpContext context) => NameOf(context.User);

    public static string NameOf(ClaimsPrincipal user) => UserAccess.SubjectOf(user);

    public static string? RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Role);

    public static string? DepartmentOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Department);

    /// <summary>A customer: sees and acts only on their own applications (others' answer 404).</summary>
    public static bool IsCustomer(ClaimsPrincipal user) => UserAccess.IsCustomer(user);

    /// <summary>A counter clerk (营业厅) and nothing more: works 受理, and acts on other departments' customer steps for the customer.</summary>
    public static bool IsClerkOnly(ClaimsPrincipal user) =>
        user.IsInRole(Roles.CounterClerk) && !user.IsInRole(Roles.Staff) && !user.IsInRole(Roles.DepartmentHead) && !user.IsInRole(Roles.Admin);

    /// <summary>May act on a customer's own steps: the customer (their own, checked per item), a counter clerk for them, an admin.</summary>
    public static bool ActsForCustomers(ClaimsPrincipal user) =>
        IsCustomer(user) || user.IsInRole(Roles.CounterClerk) || user.IsInRole(Roles.Admin);

    /// <summary>A 客户经理 (not also a head or admin): sees only the applications of their own customers.</summary>
    public static bool IsManagerOnly(ClaimsPrincipal user) => UserAccess.IsManagerOnly(user);

    /// <summary>May this user see (or act on) the application of <paramref name="customerId"/>, managed by <paramref name="customerManager"/>?</summary>
    public static bool CanSee(ClaimsPrincipal user, string? customerId, string? customerManager = null) =>
        UserAccess.CanSee(user, customerId, customerManager);
}
