namespace YeKuo.ServiceDefaults.Security;

/// <summary>The roles a token can carry (claim <c>role</c>); department roles also carry a <c>department</c> claim.</summary>
public static class Roles
{
    /// <summary>An applicant (客户): sees and acts on their own applications only.</summary>
    public const string Customer = "customer";

    /// <summary>营业厅 counter clerk (受理): submits for customers, accepts or rejects applications.</summary>
    public const string CounterClerk = "clerk";

    /// <summary>A department's staff member: works the department's own work items.</summary>
    public const string Staff = "staff";

    /// <summary>A department head: everything staff may, plus reassigning and handling escalations.</summary>
    public const string DepartmentHead = "head";

    /// <summary>客户经理: follows their customers' applications across departments.</summary>
    public const string CustomerManager = "manager";

    /// <summary>The platform team: read-only metrics and reports.</summary>
    public const string Platform = "platform";

    /// <summary>A partner system: events and webhooks only.</summary>
    public const string Partner = "partner";

    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Customer, CounterClerk, Staff, DepartmentHead, CustomerManager, Platform, Partner, Admin];
}
