namespace YeKuo.Web.Components.Steps;

/// <summary>
/// Marks a form (a <see cref="StepFormBase"/>) as the completion form of one outcome family of the step catalogue: every
/// step whose catalogue entry names <paramref name="outcomeType"/> is completed with it (<see cref="StepForms"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class StepFormAttribute(Type outcomeType) : Attribute
{
    public Type OutcomeType { get; } = outcomeType;
}
