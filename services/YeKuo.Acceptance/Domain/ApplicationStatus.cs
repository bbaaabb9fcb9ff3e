namespace YeKuo.Acceptance.Domain;

public enum ApplicationStatus
{
    /// <summary>Waiting for 受理 (资料审核).</summary>
    Submitted,

    /// <summary>Accepted and moving through the departments.</summary>
    InProgress,

    /// <summary>装表接电 done: power is on.</summary>
    PowerConnected,

    Rejected,

    Withdrawn,
}
