using System.Diagnostics.CodeAnalysis;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// The steps this department's service hosts (<see cref="StepCatalogue.HostedBy"/>) and how each is completed: the
/// completion of its outcome family. A hosted step without one fails at startup, not when its first work item arrives.
/// </summary>
public sealed class StepCompletions
{
    private readonly Dictionary<Step, IStepCompletion> _byStep;

    private StepCompletions()
    {
        _byStep = [];
    }

    /// <summary>Hosts no step.</summary>
    public static StepCompletions None { get; } = new();

    public StepCompletions(Department department, IEnumerable<IStepCompletion> completions)
    {
        var byOutcome = completions.ToDictionary(c => c.OutcomeType);
        _byStep = [];
        foreach (var step in StepCatalogue.HostedBy(department))
        {
            var definition = StepCatalogue.Of(step);
            _byStep[step] = byOutcome.GetValueOrDefault(definition.OutcomeType)
                ?? throw new InvalidOperationException(
                    $"{department} hosts {step} ({definition.ChineseName}) but registers no completion for {definition.OutcomeType.Name}.");
        }
        Department = department;
    }

    /// <summary>The hosting department; null for <see cref="None"/>.</summary>
    public Department? Department { get; }

    public IReadOnlyCollection<Step> HostedSteps => _byStep.Keys;

    public bool Hosts(Step step) => _byStep.ContainsKey(step);

    public bool TryGet(Step step, [NotNullWhen(true)] out IStepCompletion? completion) => _byStep.TryGetValue(step, out completion);
}
