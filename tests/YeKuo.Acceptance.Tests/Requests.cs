namespace YeKuo.Acceptance.Tests;

/// <summary>Application requests as JSON-shaped dictionaries, so single fields can be broken or removed.</summary>
public static class Requests
{
    /// <summary>A 统一社会信用代码 with a valid GB 32100 check character.</summary>
    public const string CreditCode = "91632200MA752ABC1C";

    public static Dictionary<string, object?> HighVoltageSingleSource() => new()
    {
        ["customerName"] = "青海盐湖新材料有限公司",
        ["customerClass"] = "HighVoltageSingleSource",
        ["identityNumber"] = CreditCode,
        ["contactPhone"] = "13897001234",
        ["address"] = "青海省海西州格尔木市昆仑经济技术开发区 8 号",
        ["capacityKva"] = 800m,
        ["voltageKv"] = 10m,
        ["sourceCount"] = 1,
    };

    public static Dictionary<string, object?> HighVoltageDualSource() => With(HighVoltageSingleSource(),
        ("customerClass", "HighVoltageDualSource"), ("sourceCount", 2), ("capacityKva", 2500m));

    public static Dictionary<string, object?> Residential() => new()
    {
        ["customerName"] = "王小明",
        ["customerClass"] = "Residential",
        ["identityNumber"] = ResidentId("63010219850615123"),
        ["contactPhone"] = "13997005678",
        ["address"] = "西宁市城西区五四大街 1 号 2 单元 301",
        ["capacityKva"] = 8m,
        ["voltageKv"] = 0.22m,
        ["sourceCount"] = 1,
    };

    public static Dictionary<string, object?> PrivateOrganisation(decimal capacityKva) => new()
    {
        ["customerName"] = "西宁小林食品加工厂",
        ["customerClass"] = "PrivateOrganisation",
        ["identityNumber"] = CreditCode,
        ["contactPhone"] = "13897009876",
        ["address"] = "西宁市城北区生物园区 3 号",
        ["capacityKva"] = capacityKva,
        ["voltageKv"] = 0.4m,
        ["sourceCount"] = 1,
    };

    public static Dictionary<string, object?> With(Dictionary<string, object?> request, params (string Field, object? Value)[] changes)
    {
        foreach (var (field, value) in changes)
        {
            request[field] = value;
        }
        return request;
    }

    /// <summary>A 居民身份证号: the 17 given digits and their ISO 7064 MOD 11-2 check character.</summary>
    public static string ResidentId(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        // MOD 11-2: the check value c satisfies (sum + c) % 11 == 1, with 10 written as X.
        var check = (12 - sum % 11) % 11;
        return first17 + (check == 10 ? "X" : check.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The same number with a different (wrong) check character.</summary>
    public static string WithWrongCheck(string id) =>
        id[..^1] + (id[^1] == '1' ? '2' : '1');
}
