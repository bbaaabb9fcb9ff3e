using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Messaging.Outbox;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>How one step is completed: its request body, its validation, what it records and which extra events it raises.</summary>
public interface IStepCompletion
{
    Step Step { get; }

    Type BodyType { get; }

    StepCompletionResult Evaluate(JsonElement body, WorkItem item);
}

/// <summary>Either field errors, or the outcome to record and the extra events to raise once the item is completed.</summary>
public sealed record StepCompletionResult(
    IDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, string> Outcome,
    Func<WorkItem, StepCompletionContext, Task> ApplyEffectsAsync)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What a completion's side effects may use: the outbox and the request's scoped services (its DbContext included).</summary>
public sealed record StepCompletionContext(IEventOutbox Outbox, IServiceProvider Services, DateTimeOffset Now, CancellationToken CancellationToken);
