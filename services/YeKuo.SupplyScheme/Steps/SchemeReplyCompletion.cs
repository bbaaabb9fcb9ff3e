using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Steps;

/// <summary>供电方案答复: the scheme the customer is told (voltage, sources, capacity, 计量方式).</summary>
public sealed class SchemeReplyCompletion : StepCompletion<SchemeReplyCompletion.Body>
{
    public sealed record Body(decimal? VoltageKv, int? SourceCount, decimal? CapacityKva, MeteringMethod? MeteringMethod, string? Summary);

    public override Step Step => Step.SchemeReply;

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        if (body.VoltageKv is not (> 0 and <= 1000))
        {
            errors.Add("voltageKv", "voltageKv must be greater than 0 and at most 1000.");
        }
        var expectedSources = item.CustomerClass == CustomerClass.HighVoltageDualSource ? 2 : 1;
        if (body.SourceCount != expectedSources)
        {
            errors.Add("sourceCount", $"A {item.CustomerClass} scheme has {expectedSources} source(s).");
        }
        if (body.CapacityKva is not (> 0 and <= 1_000_000))
        {
            errors.Add("capacityKva", "capacityKva must be greater than 0 and at most 1000000.");
        }
        if (body.MeteringMethod is null || !Enum.IsDefined(body.MeteringMethod.Value))
        {
            errors.Add("meteringMethod", $"meteringMethod must be one of {string.Join(", ", Enum.GetNames<MeteringMethod>())}.");
        }
        errors.Required("summary", body.Summary, 2000);
    }

    protected override IReadOnlyDictionary<string, string> Outcome(Body body) => new Dictionary<string, string>
    {
        ["voltageKv"] = body.VoltageKv!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sourceCount"] = body.SourceCount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["capacityKva"] = body.CapacityKva!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["meteringMethod"] = body.MeteringMethod!.Value.ToString(),
        ["summary"] = body.Summary!.Trim(),
    };
}
