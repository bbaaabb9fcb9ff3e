using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// A condition besides the plan for a step to open (装表接电 waits, with the contract, for the charges to be paid). A
/// service registers its gates; a handoff whose step a gate holds is kept by the gate, which opens the step
/// (<c>StepOpener.OpenAsync</c> with the kept handoff) once its condition holds.
/// </summary>
public interface IStepOpeningGate
{
    Step Step { get; }

    /// <summary>Why <see cref="Step"/> cannot open yet for this handoff (shown to whoever asks), or null when it may.</summary>
    Task<string?> WaitsForAsync(StepCompleted handoff, CancellationToken cancellationToken);

    /// <summary>Keeps the handoff, in the handoff's transaction, to open the step later.</summary>
    Task HoldAsync(StepCompleted handoff, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}
