using System.Text.Json.Serialization;

namespace YeKuo.Contracts.Outcomes;

/// <summary>
/// What completing a step recorded, typed per step family (<see cref="StepDefinition.OutcomeType"/>). Serialized with its
/// family as the discriminator <c>family</c> (first property), so every reader gets the typed record back.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "family")]
[JsonDerivedType(typeof(AcceptanceOutcome), "acceptance")]
[JsonDerivedType(typeof(SiteSurveyOutcome), "siteSurvey")]
[JsonDerivedType(typeof(SchemeReplyOutcome), "schemeReply")]
[JsonDerivedType(typeof(SchemeConfirmationOutcome), "schemeConfirmation")]
[JsonDerivedType(typeof(InspectionOutcome), "inspection")]
[JsonDerivedType(typeof(SupplyContractOutcome), "supplyContract")]
[JsonDerivedType(typeof(PowerConnectionOutcome), "powerConnection")]
[JsonDerivedType(typeof(CustomerRequestOutcome), "customerRequest")]
public abstract record StepOutcome
{
    /// <summary>False when the result sends the application back (<see cref="StepDefinition.SendsBackTo"/>) instead of on along its plan.</summary>
    [JsonIgnore]
    public virtual bool MovesOn => true;
}
