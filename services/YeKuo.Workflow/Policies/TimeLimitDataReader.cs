using System.Text.Json;
using System.Text.Json.Serialization;
using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>Reads the project's time-limit file format (<c>yekuo-time-limits/2</c>, see Policies/README.md).</summary>
public static class TimeLimitDataReader
{
    public const string Format = "yekuo-time-limits/2";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Names, not numbers: the file must stay readable and survive enum reordering.
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
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
                d.EffectiveTo,
                (d.Classes ?? []).Select(c => new CustomerClassProfile(
                    c.Class,
                    (c.Steps ?? []).Select(s => s.Step).ToArray(),
                    c.ZeroService,
                    c.ZeroServiceCapacityCeilingKw is { } ceiling ? new CapacityCeiling(ceiling.Value, ceiling.Source ?? "") : null,
                    new VoltageRange(c.VoltageKv?.Min, c.VoltageKv?.Max),
                    c.Assessment is { } a
                        ? new Assessment(a.Kind, a.From, a.To, a.LimitWorkingDays, a.IsDefault, a.Source ?? "")
                        : throw new FormatException($"Document {d.Id}, {c.Class}: no assessment (EachNode or Span)."))),
                (d.Classes ?? []).SelectMany(c => (c.Steps ?? []).Select(s => new StepTimeLimit(
                    c.Class,
                    s.Step,
                    s.LimitWorkingDays,
                    s.SharesClockWith,
                    s.Start is { } start ? new ClockStart(start.After, start.Rule ?? "") : null,
                    s.MinVoltageKv,
                    s.IsDefault,
                    s.Source ?? ""))),
                (d.Kinds ?? []).Select(k => new KindRule(
                    k.Kind,
                    k.OmitSteps ?? [],
                    (k.OmitStepsByClass ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<Step>)p.Value),
                    k.TemporarySupply is { } t ? new TemporarySupplyRule(t.MaxDurationDays, t.ReminderWorkingDaysBefore) : null,
                    k.IsDefault,
                    k.Source ?? "")),
                (d.ServiceLimits ?? []).Select(l => new ServiceTimeLimit(
                    l.Task,
                    l.LimitWorkingDays ?? throw new FormatException($"Document {d.Id}, {l.Task}: limitWorkingDays is required."),
                    l.IsDefault,
                    l.Source ?? ""))))
            .ToArray();
    }

    private sealed record FileDto(string? Format, List<DocumentDto>? Documents);

    private sealed record DocumentDto(
        string? Id, string? Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string? Note, List<ClassDto>? Classes, List<KindDto>? Kinds, List<ServiceLimitDto>? ServiceLimits);

    private sealed record ServiceLimitDto(ServiceTask Task, int? LimitWorkingDays, bool IsDefault, string? Source);

    private sealed record ClassDto(
        CustomerClass Class, bool ZeroService, RangeDto? VoltageKv, CeilingDto? ZeroServiceCapacityCeilingKw, AssessmentDto? Assessment, List<StepDto>? Steps);

    private sealed record RangeDto(decimal? Min, decimal? Max);

    private sealed record CeilingDto(decimal Value, string? Source);

    private sealed record AssessmentDto(AssessmentKind Kind, Step? From, Step? To, int? LimitWorkingDays, bool IsDefault, string? Source);

    private sealed record StartDto(Step? After, string? Rule);

    private sealed record StepDto(
        Step Step, int? LimitWorkingDays, Step? SharesClockWith, StartDto? Start, decimal? MinVoltageKv, bool IsDefault, string? Source);

    private sealed record KindDto(
        ApplicationKind Kind, List<Step>? OmitSteps, Dictionary<CustomerClass, List<Step>>? OmitStepsByClass, TemporaryDto? TemporarySupply,
        bool IsDefault, string? Source);

    private sealed record TemporaryDto(int MaxDurationDays, int ReminderWorkingDaysBefore);
}
