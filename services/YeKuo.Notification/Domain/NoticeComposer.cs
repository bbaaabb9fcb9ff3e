using System.Globalization;
using System.Text;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Notification.Domain;

/// <summary>What to tell the customer about one event: its kind, step, round and words (no identity, no time).</summary>
public sealed record NoticeDraft(NoticeKind Kind, Step? Step, int Round, NoticeText Text);

/// <summary>
/// Writes the customer notices (客户通知) in Chinese. Only customer-facing events get one: the customer's own step
/// (确认供电方案) does not, and neither do internal handoffs.
/// </summary>
public static class NoticeComposer
{
    /// <summary>Application-level notices (not about a step) use this round.</summary>
    public const int NoRound = 0;

    public static NoticeDraft Submitted(string number) => new(
        NoticeKind.ApplicationSubmitted, null, NoRound, new(
            "用电申请已提交",
            $"您的用电申请 {number} 已提交，我们将尽快审核资料并告知您受理结果。"));

    /// <summary>已受理: who the customer's 客户经理 is (受理 is the acceptance step, round 1).</summary>
    public static NoticeDraft Accepted(string number, string? customerManager) => new(
        NoticeKind.ApplicationAccepted, Step.Acceptance, 1, new(
            "用电申请已受理",
            string.IsNullOrWhiteSpace(customerManager)
                ? $"您的用电申请 {number} 已受理，客户经理将与您联系并全程为您服务。"
                : $"您的用电申请 {number} 已受理，客户经理 {customerManager.Trim()} 将为您服务。"));

    public static NoticeDraft Rejected(string number, IReadOnlyList<string> reasons) => new(
        NoticeKind.ApplicationRejected, null, NoRound, new(
            "用电申请未予受理",
            reasons.Count == 0
                ? $"您的用电申请 {number} 未予受理。请联系营业厅了解原因，补充完善后可重新申请。"
                : $"您的用电申请 {number} 未予受理，原因如下：{Numbered(reasons)}请补充完善后重新申请。"));

    public static NoticeDraft Withdrawn(string number, string? reason) => new(
        NoticeKind.ApplicationWithdrawn, null, NoRound, new(
            "用电申请已撤回",
            string.IsNullOrWhiteSpace(reason)
                ? $"您的用电申请 {number} 已撤回，相关办理工作已终止。"
                : $"您的用电申请 {number} 已撤回（撤回原因：{reason.Trim()}），相关办理工作已终止。"));

    /// <summary>
    /// The notice for a completed step, or null when the step is not one the customer is told about here: 受理 is told
    /// by <see cref="Accepted"/> (its event names the 客户经理), the customer's own steps are their own acts. The step's
    /// name comes from the catalogue; the words from its typed outcome.
    /// </summary>
    public static NoticeDraft? StepCompleted(Step step, int round, string number, StepOutcome? outcome) => (step, outcome) switch
    {
        (Step.SiteSurvey, _) => new(NoticeKind.SiteSurveyCompleted, step, round, new(
            $"{NameOf(step)}已完成",
            $"您的用电申请 {number} 已完成{NameOf(step)}，我们正在为您制定供电方案。")),

        (Step.SchemeReply, _) => new(NoticeKind.SchemeReplied, step, round, new(
            "供电方案已答复，请确认",
            $"您的用电申请 {number} 的供电方案已答复：{Scheme(outcome as SchemeReplyOutcome)}请您查阅并确认供电方案，确认后即可委托有资质的单位开展设计与施工（设计、施工、设备供应单位由您自主选择）。")),

        (Step.DesignReview, InspectionOutcome inspection) => Inspection(step, round, number, inspection,
            NoticeKind.DesignReviewPassed, NoticeKind.DesignReviewFailed,
            "已通过，您可以按审查通过的设计文件组织施工。",
            "请按以下意见修改设计后重新提交审查："),

        (Step.IntermediateInspection, InspectionOutcome inspection) => Inspection(step, round, number, inspection,
            NoticeKind.IntermediateInspectionPassed, NoticeKind.IntermediateInspectionFailed,
            $"已通过，请继续施工，工程竣工后请办理{NameOf(Step.CompletionReport)}。",
            "请对以下问题进行整改，整改完成后申请复查："),

        (Step.CompletionAcceptance, InspectionOutcome inspection) => Inspection(step, round, number, inspection,
            NoticeKind.CompletionAcceptancePassed, NoticeKind.CompletionAcceptanceFailed,
            $"合格，我们将与您{NameOf(Step.SupplyContract)}并安排{NameOf(Step.PowerConnection)}。",
            "请对以下问题进行整改，整改完成后申请复验："),

        (Step.SupplyContract, _) => new(NoticeKind.SupplyContractSigned, step, round, new(
            "供用电合同已签订",
            $"您的用电申请 {number} 已签订供用电合同{Labelled("合同编号", (outcome as SupplyContractOutcome)?.ContractNumber)}，我们将尽快为您{NameOf(Step.PowerConnection)}。")),

        (Step.PowerConnection, _) => new(NoticeKind.PowerConnected, step, round, new(
            "已装表接电，正式送电",
            $"您的用电申请 {number} 已完成{NameOf(step)}，现已正式送电{Labelled("电能表号", (outcome as PowerConnectionOutcome)?.MeterNumber)}。感谢您的信任，请注意安全用电。")),

        _ => null,
    };

    /// <summary>临时用电 ends soon: the customer decides how (拆除销户 or 转为正式用电).</summary>
    public static NoticeDraft TemporarySupplyEndingSoon(string number, DateOnly endsOn) => new(
        NoticeKind.TemporarySupplyEndingSoon, null, NoRound, new(
            "临时用电即将到期",
            $"您的临时用电申请 {number} 将于 {endsOn:yyyy年M月d日} 到期。请在到期前选择拆除临时用电设施并销户，或申请转为正式用电；如需延期请联系客户经理。"));

    public static NoticeDraft TemporarySupplyEnded(string number, TemporarySupplyEnding ending, DateOnly endsOn) => new(
        NoticeKind.TemporarySupplyEnded, null, NoRound, new(
            ending == TemporarySupplyEnding.Convert ? "临时用电将转为正式用电" : "临时用电将到期拆除",
            ending == TemporarySupplyEnding.Convert
                ? $"您的临时用电申请 {number} 已选择转为正式用电，客户经理将协助您办理正式用电（新装）申请。"
                : $"您的临时用电申请 {number} 已选择于 {endsOn:yyyy年M月d日} 到期后拆除临时用电设施并销户。"));

    private static string NameOf(Step step) => StepCatalogue.Of(step).ChineseName;

    private static NoticeDraft Inspection(
        Step step, int round, string number, InspectionOutcome result, NoticeKind passed, NoticeKind failed,
        string passedText, string rectifyText)
    {
        var name = NameOf(step);
        var attempt = round > 1 ? $"（第 {round} 次）" : "";
        if (result.Passed)
        {
            return new(passed, step, round, new($"{name}已通过", $"您的用电申请 {number} {name}{passedText}{Remarks(result.Remarks)}"));
        }

        var defects = result.Defects.Count > 0
            ? $"{rectifyText}{Numbered(result.Defects)}"
            : "具体整改意见请联系客户经理或登录查看检查记录，整改完成后请申请复查。";
        return new(failed, step, round, new($"{name}未通过，请整改", $"您的用电申请 {number} {name}{attempt}未通过。{defects}{Remarks(result.Remarks)}"));
    }

    private static string Scheme(SchemeReplyOutcome? scheme)
    {
        if (scheme is null)
        {
            return "详见方案答复单。";
        }

        var parts = new List<string>
        {
            $"供电电压 {scheme.VoltageKv.ToString(CultureInfo.InvariantCulture)} kV",
            Sources(scheme.SourceCount),
            $"供电容量 {scheme.CapacityKva.ToString(CultureInfo.InvariantCulture)} kVA",
            $"计量方式 {scheme.MeteringMethod.ChineseName()}",
        };
        var text = string.Join("，", parts) + "。";
        if (!string.IsNullOrWhiteSpace(scheme.Summary)) text += $"{scheme.Summary.Trim().TrimEnd('。')}。";
        return text;
    }

    private static string Sources(int count) => count switch
    {
        1 => "单电源供电",
        2 => "双电源供电",
        _ => $"{count} 路电源供电",
    };

    private static string Labelled(string label, string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : $"（{label}：{value.Trim()}）";

    private static string Remarks(string? remarks) =>
        string.IsNullOrWhiteSpace(remarks) ? "" : $"备注：{remarks.Trim().TrimEnd('。')}。";

    private static string Numbered(IReadOnlyList<string> items)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(items[i].Trim().TrimEnd('。', '；', ';')).Append(i + 1 < items.Count ? "；" : "。");
        }
        return text.ToString();
    }
}
