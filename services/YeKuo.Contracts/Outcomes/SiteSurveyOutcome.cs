namespace YeKuo.Contracts.Outcomes;

/// <summary>现场勘查: what the surveyor found on site (an internal note, not told to the customer) and whether the grid can take the load.</summary>
public sealed record SiteSurveyOutcome(string Findings, bool GridCapacityAvailable) : StepOutcome;
