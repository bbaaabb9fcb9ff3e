using YeKuo.Contracts;

namespace YeKuo.Workflow.Fees;

/// <summary>
/// Paying the charges (缴纳费用, seed 004: a critical activity before 装表接电) is the customer's: the step it precedes
/// opens only once what was assessed is paid, and the wait until then is customer time. Metering's payment gate holds
/// that step; Acceptance shows the wait as the customer's.
/// </summary>
public static class ChargesPayment
{
    /// <summary>The step that opens only once the charges are paid.</summary>
    public const Step OpensOncePaid = Step.PowerConnection;

    /// <summary>What the customer is waited on for (<c>awaiting</c> on a wait), and its Chinese name.</summary>
    public const string Activity = "ChargesPayment";

    public const string ChineseName = "缴纳费用";
}
