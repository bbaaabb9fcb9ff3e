using System.Globalization;
using YeKuo.Contracts;

namespace YeKuo.Web.Localization;

/// <summary>
/// The UI's words: Chinese is the text itself (the key), English comes from <see cref="English"/>. The culture is the
/// request's (cookie set by the language switch; zh-CN by default), which Blazor keeps for the whole circuit.
/// </summary>
public sealed partial class UiText
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current language (the Chinese text when no translation is known).</summary>
    public string this[string chinese] => IsEnglish && EnglishText.TryGetValue(chinese, out var english) ? english : chinese;

    /// <summary>Formatted text, e.g. <c>T.Format("{0} 个工作日", 3)</c>.</summary>
    public string Format(string chinese, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[chinese], args);

    /// <summary>A step's name from the step catalogue (<c>YeKuo.Contracts</c>), in the current language.</summary>
    public string Step(string? step) => StepCatalogue.TryGet(step, out var definition) ? definition.NameIn(IsEnglish) : step ?? "";

    /// <summary>The kind of application (新装, 增容, 变更用电, 临时用电) from the contracts, in the current language.</summary>
    public string Kind(string? kind) =>
        Enum.TryParse<ApplicationKind>(kind, out var parsed) && Enum.IsDefined(parsed) ? (IsEnglish ? parsed.EnglishName() : parsed.ChineseName()) : kind ?? "";

    /// <summary>A change of use (减容, 暂停, 迁址, …) from the contracts, in the current language.</summary>
    public string UseChange(string? change) =>
        Enum.TryParse<UseChange>(change, out var parsed) && Enum.IsDefined(parsed) ? (IsEnglish ? parsed.EnglishName() : parsed.ChineseName()) : change ?? "";

    /// <summary>An activity of the step network: the names of the steps on its clock, e.g. 现场勘查 + 供电方案答复.</summary>
    public string Activity(IEnumerable<string>? steps) => string.Join(" + ", (steps ?? []).Select(Step));

    /// <summary>A department's name from the department catalogue, in the current language.</summary>
    public string Department(string? department) =>
        DepartmentCatalogue.TryGet(department, out var definition) ? definition.NameIn(IsEnglish) : department ?? "";

    /// <summary>The department's short name (charts).</summary>
    public string DepartmentShort(string? department) =>
        DepartmentCatalogue.TryGet(department, out var definition) ? definition.ShortNameIn(IsEnglish) : department ?? "";

    public string CustomerClass(string? customerClass) => customerClass is null ? "" : this[ClassNames.GetValueOrDefault(customerClass, customerClass)];

    public string Status(string? status) => status is null ? "" : this[StatusNames.GetValueOrDefault(status, status)];

    /// <summary>A field error the user can act on: the known message for the field, else the API's own words.</summary>
    public string FieldError(string field, string apiMessage) =>
        FieldMessages.TryGetValue(field, out var message) ? this[message] : apiMessage;

    /// <summary>China time, as every user of the system reads it.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public string Hours(double hours) => hours < 1 ? Format("{0} 分钟", Math.Round(hours * 60)) : hours < 48 ? Format("{0} 小时", Math.Round(hours, 1)) : Format("{0} 天", Math.Round(hours / 24, 1));

    public string Seconds(double seconds) => seconds < 120 ? Format("{0} 秒", Math.Round(seconds, 1)) : Hours(seconds / 3600);

    public static readonly IReadOnlyDictionary<string, string> ClassNames = new Dictionary<string, string>
    {
        ["Residential"] = "居民",
        ["SmallMicroBusiness"] = "低压小微企业",
        ["PrivateOrganisation"] = "民营经济组织（低压）",
        ["LowVoltageNonResidential"] = "低压非居民（有外线工程）",
        ["LowVoltageNonResidentialNoExternalWorks"] = "低压非居民（无外线工程）",
        ["HighVoltageSingleSource"] = "高压单电源",
        ["HighVoltageDualSource"] = "高压双电源",
    };

    public static readonly IReadOnlyDictionary<string, string> StatusNames = new Dictionary<string, string>
    {
        // The charges' states (ChargesPanel).
        ["ChargesNotAssessed"] = "未核定",
        ["ChargesPayable"] = "待缴费",
        ["ChargesSettled"] = "已缴清",
        ["ChargesWithdrawn"] = "已撤回（已缴费用退还）",
        ["Submitted"] = "已提交",
        ["InProgress"] = "办理中",
        ["PowerConnected"] = "已接电",
        ["Rejected"] = "未受理",
        ["Withdrawn"] = "已撤回",
        ["Open"] = "待认领",
        ["Paused"] = "已暂停",
        ["Completed"] = "已完成",
        ["Cancelled"] = "已取消",
        ["UnderReview"] = "审查中",
        ["AwaitingMeeting"] = "待方案审查会",
        ["Approved"] = "审查通过",
        ["Replied"] = "已答复",
        ["Confirmed"] = "客户已确认",
        ["RevisionRequested"] = "客户要求修改",
        ["Pending"] = "待评价",
        ["Done"] = "已评价",
        ["OnTime"] = "按时办结",
        ["Late"] = "超时办结",
        ["NotJudged"] = "不考核",
    };

    private static readonly IReadOnlyDictionary<string, string> FieldMessages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["customerName"] = "请填写客户名称（1 至 100 个字）。",
        ["address"] = "请填写用电地址（1 至 200 个字）。",
        ["customerClass"] = "请选择客户类别。",
        ["identityNumber"] = "证件号码无效：居民填写 18 位居民身份证号，单位填写 18 位统一社会信用代码（校验位须正确）。",
        ["contactPhone"] = "请填写 11 位手机号码（以 1 开头）。",
        ["findings"] = "请填写勘查结论（1 至 2000 个字）。",
        ["summary"] = "请填写方案说明。",
        ["meteringMethod"] = "请选择计量方式。",
        ["defects"] = "不通过时须列出至少一项缺陷（每项 1 至 200 个字）；通过时不填缺陷。",
        ["passed"] = "请选择是否通过。",
        ["contractNumber"] = "请填写合同编号。",
        ["signedOn"] = "请填写签订日期。",
        ["meterNumber"] = "请填写电能表资产编号。",
        ["score"] = "请选择 1 至 5 分。",
        ["reason"] = "请填写原因（1 至 500 个字）。",
        ["contractor"] = "请填写设计或施工单位（1 至 100 个字）。",
        ["documents"] = "请列出提交的资料，每行一项（1 至 20 项，每项不超过 200 个字）。",
        ["rectification"] = "复检申请须写明整改情况（1 至 1000 个字）。",
        ["kind"] = "请选择申请类型。",
        ["accountNumber"] = "增容和变更用电须填写现有户号（10 至 13 位数字）；新装和临时用电不填。",
        ["currentCapacityKva"] = "增容须填写现有容量（kVA）。",
        ["changes"] = "变更用电须选择至少一项变更事项。",
        ["temporaryUntil"] = "临时用电须填写期限（今天之后，最长 3 年）。",
    };
}
