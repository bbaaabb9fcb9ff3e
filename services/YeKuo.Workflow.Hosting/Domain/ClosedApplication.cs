namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>An application this department will open no more work for (withdrawn or rejected); late handoffs are ignored.</summary>
public sealed class ClosedApplication
{
    public Guid ApplicationId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset ClosedAt { get; set; }
}
