using System.Diagnostics.CodeAnalysis;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>The steps this service hosts and how each is completed.</summary>
public sealed class StepCompletions(IEnumerable<IStepCompletion> completions)
{
    private readonly Dictionary<Step, IStepCompletion> _byStep = completions.ToDictionary(c => c.Step);

    public IReadOnlyCollection<Step> HostedSteps => _byStep.Keys;

    public bool Hosts(Step step) => _byStep.ContainsKey(step);

    public bool TryGet(Step step, [NotNullWhen(true)] out IStepCompletion? completion) => _byStep.TryGetValue(step, out completion);
}
