using System.Security.Claims;
using YeKuo.ServiceDefaults.Security;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Staff;

namespace YeKuo.SupplyScheme.Apis;

/// <summary>
/// Named reviewers (并行审批): a reviewing department's opinion is given by that department's own staff or head — the
/// token's role and department, and the staff directory agreeing on the person — never by anyone else in SupplyScheme.
/// Admins may act everywhere, as in every other endpoint.
/// </summary>
public static class ReviewerAccess
{
    /// <summary>Why <paramref name="user"/> may not give <paramref name="reviewKey"/>'s opinion; null when they may.</summary>
    public static string? Refusal(ClaimsPrincipal user, StaffDirectory directory, SchemeReviewOptions options, string reviewKey)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return null;
        }
        var department = options.ReviewerDepartmentOf(reviewKey);
        var subject = CurrentUser.NameOf(user);
        if (!SecurityExtensions.IsStaffOf(user, department) || !(user.IsInRole(Roles.Staff) || user.IsInRole(Roles.DepartmentHead)))
        {
            return $"The '{reviewKey}' opinion is given by staff of {department}; you sign in as {CurrentUser.RoleOf(user)} of {CurrentUser.DepartmentOf(user) ?? "no department"}.";
        }
        if (!directory.WorksIn(subject, department))
        {
            return $"{subject} is not listed as staff of {department} in the staff directory ({directory.Version}).";
        }
        return null;
    }

    /// <summary>The review keys <paramref name="user"/> answers for (a reviewer's worklist); every key for an admin.</summary>
    public static IReadOnlyList<string> KeysOf(ClaimsPrincipal user, StaffDirectory directory, SchemeReviewOptions options) =>
        options.EffectiveDepartments.Where(key => Refusal(user, directory, options, key) is null).ToArray();
}
