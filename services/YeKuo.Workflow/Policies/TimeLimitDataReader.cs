using System.Text.Json;
using System.Text.Json.Serialization;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>Reads the project's time-limit file format (<c>yekuo-time-limits/1</c>, see Policies/README.md).</summary>
public static class TimeLimitDataReader
{
    public const string Format = "yekuo-time-limits/1";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Names, not numbers: the file must stay readable and survive enum reordering.
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static IReadOnlyList<TimeLimitPolicy> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<FileDto>(json, Options) ?? throw new FormatException("Time-limit data is empty.");
        if (file.Format != Format)
            throw new FormatException($"Time-limit data format '{file.Format}' is not '{Format}'.");

        return (file.Documents ?? []).Select(d => new TimeLimitPolicy(
                d.Id ?? throw new FormatException("A document has no id."),
                d.Title ?? throw new FormatException($"Document {d.Id} has no title."),
                d.EffectiveFrom,
                (d.Classes ?? []).Select(c => new CustomerClassProfile(
                    c.Class,
                    (c.Steps ?? []).Select(s => s.Step).ToArray(),
                    c.ZeroService,
                    c.ZeroServiceCapacityCeilingKw is { } ceiling ? new CapacityCeiling(ceiling.Value, ceiling.Source ?? "") : null,
                    new VoltageRange(c.VoltageKv?.Min, c.VoltageKv?.Max))),
                (d.Classes ?? []).SelectMany(c => (c.Steps ?? []).Select(s => new StepTimeLimit(
                    c.Class,
                    s.Step,
                    s.LimitWorkingDays,
                    s.SharesClockWith,
                    s.Judged,
                    s.CustomerTime,
                    s.IsDefault,
                    s.Source ?? "")))))
            .ToArray();
    }

    private sealed record FileDto(string? Format, List<DocumentDto>? Documents);

    private sealed record DocumentDto(string? Id, string? Title, DateOnly EffectiveFrom, List<ClassDto>? Classes);

    private sealed record ClassDto(CustomerClass Class, bool ZeroService, RangeDto? VoltageKv, CeilingDto? ZeroServiceCapacityCeilingKw, List<StepDto>? Steps);

    private sealed record RangeDto(decimal? Min, decimal? Max);

    private sealed record CeilingDto(decimal Value, string? Source);

    private sealed record StepDto(Step Step, int? LimitWorkingDays, Step? SharesClockWith, bool Judged, bool CustomerTime, bool IsDefault, string? Source);
}
