using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;
using YeKuo.Metering.Infrastructure;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Metering.Fees;

/// <summary>
/// 装表接电 opens only once the charges are paid (seed 004: 缴纳费用 is a critical activity before 装表接电). A plan with a
/// 供电方案答复 has its charges assessed there: until that assessment is known here and settled (paid, or nothing charged),
/// the handoff from the contract is kept. A plan without one (三零) is never held: nothing is charged.
/// </summary>
public sealed class PaymentGate(MeteringDbContext db) : IStepOpeningGate
{
    public const string AwaitingAssessment = "待核定费用: the charges of the scheme reply have not reached 计量 yet";
    public const string AwaitingPayment = "待缴费: the charges are not paid yet";

    /// <summary>The pause the wait for the payment becomes on 装表接电 (the customer's time, as a customer step's is).</summary>
    public const string CustomerTimeReason = "客户原因: 待缴费";

    public Step Step => ChargesPayment.OpensOncePaid;

    public async Task<string?> WaitsForAsync(StepCompleted handoff, CancellationToken cancellationToken)
    {
        if (Plans.IndexOf(handoff.Plan, Step.SchemeReply) < 0)
            return null;
        return await ChargeClearances.FindAsync(db, handoff.ApplicationId, cancellationToken) switch
        {
            null or { Revision: 0 } => AwaitingAssessment,
            { IsSettled: true } => null,
            _ => AwaitingPayment,
        };
    }

    public async Task HoldAsync(StepCompleted handoff, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The hold writes the clearance it was decided on (created if no fee event has come yet): a fee event consumed at
        // the same moment then conflicts with it in the database, and whichever commits second runs again and sees the other.
        await ChargeClearances.ForUpdateAsync(db, handoff.ApplicationId, cancellationToken);
        var held = await ChargeClearances.HeldAsync(db, handoff.ApplicationId, cancellationToken);
        if (held is null)
        {
            held = new HeldHandoff { ApplicationId = handoff.ApplicationId };
            db.HeldHandoffs.Add(held);
        }
        held.Handoff = JsonSerializer.Serialize(handoff, MessageJson.Options);
        held.Reason = reason;
        held.HeldAt = now;
    }

    public static StepCompleted Read(HeldHandoff held) =>
        JsonSerializer.Deserialize<StepCompleted>(held.Handoff, MessageJson.Options)
        ?? throw new InvalidOperationException($"The held handoff of {held.ApplicationId} is empty.");
}
