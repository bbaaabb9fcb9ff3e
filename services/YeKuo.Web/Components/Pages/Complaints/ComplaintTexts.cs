namespace YeKuo.Web.Components.Pages.Complaints;

/// <summary>The Chinese names of complaint categories and states (the keys of <c>UiText</c>).</summary>
public static class ComplaintTexts
{
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>
    {
        ["ServiceAttitude"] = "服务态度",
        ["Timeliness"] = "办理时限",
        ["Charges"] = "收费",
        ["DesignatedContractor"] = "违反“三不指定”",
        ["PowerQuality"] = "供电质量",
        ["Other"] = "其他",
    };

    public static readonly IReadOnlyDictionary<string, string> States = new Dictionary<string, string>
    {
        ["Received"] = "已受理",
        ["Assigned"] = "处理中",
        ["Replied"] = "已答复",
        ["Closed"] = "已办结",
    };

    public static string Category(string category) => Categories.GetValueOrDefault(category, category);

    public static string State(string status) => States.GetValueOrDefault(status, status);
}
