namespace YeKuo.Metering.Fees;

/// <summary>A handoff to 装表接电 kept until the application's charges are paid (<see cref="PaymentGate"/>).</summary>
public sealed class HeldHandoff
{
    public Guid ApplicationId { get; set; }

    /// <summary>The <c>StepCompleted</c> that would have opened the step, as JSON (the message serializer's form).</summary>
    public string Handoff { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset HeldAt { get; set; }
}
