using System.Text.Json;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.IntegrationEvents;

/// <summary>
/// Reads the customer-facing facts of a <c>StepCompleted</c> outcome, as the departments write it (all keys optional):
/// inspections <c>passed</c> ("false" = failed), <c>defects</c> (one per line, or a JSON array) and <c>remarks</c>;
/// 方案答复 <c>voltageKv</c>, <c>sourceCount</c>, <c>capacityKva</c>, <c>meteringMethod</c>, <c>summary</c>;
/// 合同 <c>contractNumber</c>; 接电 <c>meterNumber</c>. Internal notes (e.g. 勘查 findings) are not read.
/// </summary>
public static class StepOutcomeReader
{
    public static StepResult Read(IReadOnlyDictionary<string, string>? outcome)
    {
        outcome ??= new Dictionary<string, string>();
        string? Get(string key) =>
            outcome.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var passed = !string.Equals(Get("passed"), "false", StringComparison.OrdinalIgnoreCase);
        var scheme = new SchemeSummary(Get("voltageKv"), Get("sourceCount"), Get("capacityKva"), MeteringMethodOf(Get("meteringMethod")), Get("summary"));
        return new StepResult(
            passed,
            DefectsOf(Get("defects")),
            Get("remarks"),
            scheme == new SchemeSummary(null, null, null, null, null) ? null : scheme,
            Get("contractNumber"),
            Get("meterNumber"));
    }

    /// <summary>供电方案's 计量方式 (SupplyScheme's MeteringMethod names) in the words the customer knows.</summary>
    private static string? MeteringMethodOf(string? method) => method switch
    {
        null => null,
        "HighSupplyHighMetering" => "高供高计",
        "HighSupplyLowMetering" => "高供低计",
        "LowSupplyLowMetering" => "低供低计",
        _ => method,
    };

    private static IReadOnlyList<string> DefectsOf(string? text)
    {
        if (text is null)
        {
            return [];
        }
        if (text.StartsWith('['))
        {
            try
            {
                return (JsonSerializer.Deserialize<string?[]>(text) ?? [])
                    .Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d!.Trim()).ToArray();
            }
            catch (JsonException)
            {
                // Not JSON after all: read it as lines.
            }
        }
        return text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
