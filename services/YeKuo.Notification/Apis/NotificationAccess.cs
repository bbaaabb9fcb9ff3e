using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Notification.Domain;
using YeKuo.Notification.Infrastructure;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Notification.Apis;

/// <summary>
/// The ownership rules of every Notification endpoint, the same as Acceptance's (<see cref="UserAccess.CanSee"/>):
/// customers see their own applications' data, 客户经理 their own customers' (the manager this service heard in
/// <c>ApplicationAccepted</c>), staff any customer's. Staff notices belong to their department: its staff and head see
/// them, a 客户经理 those of the applications they manage, the recipient their own.
/// </summary>
internal static class NotificationAccess
{
    /// <summary>May <paramref name="user"/> see data of this application (whose customer is <paramref name="customerId"/>)?</summary>
    public static async Task<bool> CanSeeAsync(NotificationDbContext db, ClaimsPrincipal user, Guid applicationId, string? customerId, CancellationToken cancellationToken)
    {
        if (!UserAccess.IsManagerOnly(user))
        {
            return UserAccess.CanSee(user, customerId, customerManager: null);
        }
        var manager = await db.ManagedApplications.AsNoTracking()
            .Where(m => m.ApplicationId == applicationId).Select(m => m.CustomerManager).FirstOrDefaultAsync(cancellationToken);
        return UserAccess.CanSee(user, customerId, manager);
    }

    /// <summary>The ids of the applications a 客户经理 manages (a subquery for list filters).</summary>
    public static IQueryable<Guid> ManagedBy(NotificationDbContext db, ClaimsPrincipal user)
    {
        var me = UserAccess.SubjectOf(user);
        return db.ManagedApplications.Where(m => m.CustomerManager == me).Select(m => m.ApplicationId);
    }

    /// <summary>The department whose staff notices a staff member or head works (clerks: 受理), or null.</summary>
    public static Department? DepartmentOf(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Staff) || user.IsInRole(Roles.DepartmentHead))
        {
            return Enum.TryParse<Department>(user.FindFirstValue(ClaimNames.Department), out var department) ? department : null;
        }
        return user.IsInRole(Roles.CounterClerk) ? Department.Acceptance : null;
    }

    /// <summary>May <paramref name="user"/> list a whole department's staff notices?</summary>
    public static bool MayReadDepartment(ClaimsPrincipal user, Department department) =>
        user.IsInRole(Roles.Admin) || UserAccess.IsManagerOnly(user) || DepartmentOf(user) == department;

    /// <summary>The staff notices <paramref name="user"/> may see, from <paramref name="notices"/>.</summary>
    public static IQueryable<StaffNotice> Visible(NotificationDbContext db, IQueryable<StaffNotice> notices, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return notices;
        }
        var me = UserAccess.SubjectOf(user);
        if (UserAccess.IsManagerOnly(user))
        {
            var managed = ManagedBy(db, user);
            return notices.Where(n => n.Recipient == me || managed.Contains(n.ApplicationId));
        }
        var department = DepartmentOf(user);
        return notices.Where(n => n.Recipient == me || (department != null && n.Department == department));
    }

    /// <summary>Only the notice's recipient marks it read; a department queue notice (no recipient), its department's staff.</summary>
    public static bool MayMarkRead(ClaimsPrincipal user, StaffNotice notice) =>
        notice.Recipient is { } recipient
            ? recipient == UserAccess.SubjectOf(user)
            : DepartmentOf(user) == notice.Department;
}
