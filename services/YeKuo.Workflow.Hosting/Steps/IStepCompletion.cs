using System.Text.Json;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging.Outbox;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// How the steps of one outcome family are completed (every step whose catalogue entry names
/// <see cref="OutcomeType"/>): the request body, its validation, the typed outcome it records and the extra events it raises.
/// </summary>
public interface IStepCompletion
{
    Type OutcomeType { get; }

    Type BodyType { get; }

    StepCompletionResult Evaluate(JsonElement body, WorkItem item);
}

/// <summary>Either field errors, or the outcome to record and the extra events to raise once the item is completed.</summary>
public sealed record StepCompletionResult(
    IDictionary<string, string[]> Errors,
    StepOutcome? Outcome,
    Func<WorkItem, StepCompletionContext, Task> ApplyEffectsAsync)
{
    public bool IsValid => Errors.Count == 0 && Outcome is not null;
}

/// <summary>What a completion's side effects may use: the outbox and the request's scoped services (its DbContext included).</summary>
public sealed record StepCompletionContext(IEventOutbox Outbox, IServiceProvider Services, DateTimeOffset Now, CancellationToken CancellationToken);
