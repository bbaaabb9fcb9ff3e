namespace YeKuo.SupplyScheme.Domain;

/// <summary>An action the review's state does not allow (answered as 409 Conflict).</summary>
public sealed class SchemeReviewRuleException(string message) : Exception(message);
