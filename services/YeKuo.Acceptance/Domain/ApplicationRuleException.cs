namespace YeKuo.Acceptance.Domain;

/// <summary>An action the application's state does not allow (answered as 409).</summary>
public sealed class ApplicationRuleException(string message) : Exception(message);
