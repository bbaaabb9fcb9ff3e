using YeKuo.Contracts;

namespace YeKuo.Notification.Domain;

/// <summary>The words of staff notices (员工通知), in Chinese, with due times in Beijing time.</summary>
public static class StaffNoticeText
{
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    public static string WarningTitle(DeadlineLevel level) => level switch
    {
        DeadlineLevel.HalfUsed => "超时预警：办理时限已用 50%",
        DeadlineLevel.MostlyUsed => "超时预警：办理时限已用 80%",
        DeadlineLevel.Overdue => "超时告警：工单已超时",
        _ => "超时预警",
    };

    public static string WarningBody(DeadlineLevel level, string number, Step step, string? assignee, DateTimeOffset dueAt, IReadOnlyList<int>? assumedYears = null)
    {
        var what = $"用电申请 {number} 的{NameOf(step)}工单";
        var due = Due(dueAt, assumedYears);
        var text = level switch
        {
            DeadlineLevel.HalfUsed => $"{what}已用去一半办理时限，请于 {due} 前办结。",
            DeadlineLevel.MostlyUsed => $"{what}已用去 80% 办理时限，请抓紧办理，于 {due} 前办结。",
            _ => $"{what}已超过办理时限（应于 {due} 前办结），请尽快办结并说明超时原因。",
        };
        return assignee is null ? $"{text}该工单尚未指派责任人，请部门尽快指派。" : text;
    }

    public static string ManagerWarningTitle(DeadlineLevel level) => $"客户经理{WarningTitle(level)}";

    /// <summary>The 客户经理's copy: which department holds the item and who its 责任人 is, to talk to them (seed 003).</summary>
    public static string ManagerWarningBody(
        DeadlineLevel level, string number, Step step, Department department, string? assignee, DateTimeOffset dueAt, IReadOnlyList<int>? assumedYears = null)
    {
        var who = assignee is null
            ? $"{DepartmentCatalogue.Of(department).ChineseName}尚未指派责任人"
            : $"{DepartmentCatalogue.Of(department).ChineseName}责任人 {assignee}";
        var state = level switch
        {
            DeadlineLevel.HalfUsed => "已用去一半办理时限",
            DeadlineLevel.MostlyUsed => "已用去 80% 办理时限",
            _ => "已超过办理时限",
        };
        return $"您负责的用电申请 {number} 的{NameOf(step)}工单{state}（应于 {Due(dueAt, assumedYears)} 前办结，{who}），请与责任人沟通推进。";
    }

    public static string EscalationTitle(Step step) => $"超时督办：{NameOf(step)}工单已超时";

    public static string EscalationBody(string number, Step step, string? assignee, DateTimeOffset dueAt, IReadOnlyList<int>? assumedYears = null) =>
        $"用电申请 {number} 的{NameOf(step)}工单已超过办理时限（应于 {Due(dueAt, assumedYears)} 前办结），"
        + (assignee is null ? "且尚未指派责任人。" : $"责任人 {assignee}。")
        + "请督办并记录超时处理情况。";

    public static string LateOpinionTitle(Department department, bool forHead) =>
        $"审查意见超时{(forHead ? "督办" : "")}：{DepartmentCatalogue.Of(department).ChineseName}的供电方案审查意见逾期";

    /// <summary>A reviewing department's opinion (并行审批) past its limit: its reviewers give it now, its head sees that they do.</summary>
    public static string LateOpinionBody(string number, int revision, Department department, DateTimeOffset dueAt, bool forHead) =>
        $"用电申请 {number} 的供电方案（第 {revision} 版）需{DepartmentCatalogue.Of(department).ChineseName}审查意见，应于 {Due(dueAt)} 前给出，至今未给出。"
        + (forHead ? "请督促本部门审查人员尽快给出意见。" : "请本部门审查人员尽快审查并给出意见。");

    private static string NameOf(Step step) => StepCatalogue.Of(step).ChineseName;

    /// <summary>The due in Beijing time; one computed into a year without a published holiday notice says so.</summary>
    private static string Due(DateTimeOffset dueAt, IReadOnlyList<int>? assumedYears = null) =>
        dueAt.ToOffset(BeijingOffset).ToString("yyyy-MM-dd HH:mm")
        + (assumedYears is { Count: > 0 } years ? $"（{string.Join("、", years)} 年节假日安排未发布，按周末推算）" : "");
}
