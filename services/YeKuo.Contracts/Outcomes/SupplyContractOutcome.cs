namespace YeKuo.Contracts.Outcomes;

/// <summary>签订供用电合同: the signed contract's number and date.</summary>
public sealed record SupplyContractOutcome(string ContractNumber, DateOnly SignedOn) : StepOutcome;
