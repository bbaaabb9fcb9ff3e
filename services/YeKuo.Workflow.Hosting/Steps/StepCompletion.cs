using System.Text.Json;
using YeKuo.Contracts;
using YeKuo.Messaging;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>Typed base for a step's completion: subclasses see their own body type only.</summary>
public abstract class StepCompletion<TBody> : IStepCompletion where TBody : class
{
    public abstract Step Step { get; }

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
            ? new StepCompletionResult(errors, new Dictionary<string, string>(), (_, _) => Task.CompletedTask)
            : new StepCompletionResult(errors, Outcome(typed), (completed, context) => OnCompletedAsync(completed, typed, context));
    }

    protected abstract void Validate(TBody body, WorkItem item, FieldErrors errors);

    protected abstract IReadOnlyDictionary<string, string> Outcome(TBody body);

    /// <summary>
    /// Effects beyond the generic <c>StepCompleted</c> (e.g. raising <c>PowerConnected</c>, updating the service's own
    /// aggregate); they commit in the same transaction as the completion.
    /// </summary>
    protected virtual Task OnCompletedAsync(WorkItem item, TBody body, StepCompletionContext context) => Task.CompletedTask;

    private static StepCompletionResult Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }, new Dictionary<string, string>(), (_, _) => Task.CompletedTask);
}
