using System.Text.Json;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>Typed base for completing one outcome family: subclasses see their own body and outcome types only.</summary>
public abstract class StepCompletion<TBody, TOutcome> : IStepCompletion
    where TBody : class
    where TOutcome : StepOutcome
{
    public Type OutcomeType => typeof(TOutcome);

    public Type BodyType => typeof(TBody);

    public StepCompletionResult Evaluate(JsonElement body, WorkItem item)
    {
        TBody? typed;
        try
        {
            typed = body.Deserialize<TBody>(MessageJson.Options);
        }
        catch (JsonException ex)
        {
            return Invalid(ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body", ex.Message);
        }

        if (typed is null)
        {
            return Invalid("body", "A request body is required.");
        }

        var errors = new Dictionary<string, string[]>();
        Validate(typed, item, new FieldErrors(errors));
        return errors.Count > 0
            ? new StepCompletionResult(errors, null, (_, _) => Task.CompletedTask)
            : new StepCompletionResult(errors, Outcome(typed, item), (completed, context) => OnCompletedAsync(completed, typed, context));
    }

    protected abstract void Validate(TBody body, WorkItem item, FieldErrors errors);

    /// <summary>The outcome of a valid body.</summary>
    protected abstract TOutcome Outcome(TBody body, WorkItem item);

    /// <summary>
    /// Effects beyond the generic <c>StepCompleted</c> (e.g. raising <c>PowerConnected</c>, updating the service's own
    /// aggregate); they commit in the same transaction as the completion.
    /// </summary>
    protected virtual Task OnCompletedAsync(WorkItem item, TBody body, StepCompletionContext context) => Task.CompletedTask;

    private static StepCompletionResult Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }, null, (_, _) => Task.CompletedTask);
}
