namespace YeKuo.Workflow.Hosting.Apis;

public sealed record ReassignRequest(string? Assignee);

public sealed record PauseRequest(string? Reason);
