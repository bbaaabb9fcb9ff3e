using System.Reflection;
using YeKuo.Contracts;

namespace YeKuo.Web.Components.Steps;

/// <summary>
/// Which form completes a step: the <see cref="StepFormAttribute"/> form of the step's outcome family (step catalogue).
/// Adding a form is adding its component; nothing here lists them.
/// </summary>
public static class StepForms
{
    private static readonly IReadOnlyDictionary<Type, Type> ByOutcome = typeof(StepForms).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(StepFormBase)) && !t.IsAbstract)
        .Select(t => (Form: t, Attribute: t.GetCustomAttribute<StepFormAttribute>()))
        .Where(x => x.Attribute is not null)
        .ToDictionary(x => x.Attribute!.OutcomeType, x => x.Form);

    /// <summary>The form component for <paramref name="step"/>, or null when none completes its outcome family.</summary>
    public static Type? For(string? step) =>
        StepCatalogue.TryGet(step, out var definition) ? ByOutcome.GetValueOrDefault(definition.OutcomeType) : null;

    /// <summary>The outcome families that have a form (a test checks every family of the catalogue has one).</summary>
    public static IReadOnlyCollection<Type> OutcomeTypes => ByOutcome.Keys.ToArray();
}
