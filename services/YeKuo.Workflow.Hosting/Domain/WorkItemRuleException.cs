namespace YeKuo.Workflow.Hosting.Domain;

/// <summary>An action that the work item's state does not allow (answered as 409 Conflict).</summary>
public sealed class WorkItemRuleException(string message) : Exception(message);
