namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>An application this department will open no more work for (withdrawn or rejected); late handoffs are ignored.</summary>
public sealed class ClosedApplication
{
    /// <summary>What a withdrawn application's open work is cancelled with (客户撤回), the customer's words after it when known.</summary>
    public const string WithdrawnCancelReason = "客户撤回";

    /// <summary>The <see cref="Reason"/> of an application the customer withdrew.</summary>
    public const string Withdrawn = "withdrawn";

    public Guid ApplicationId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset ClosedAt { get; set; }
}
