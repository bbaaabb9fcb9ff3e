using Microsoft.AspNetCore.Http.HttpResults;
using YeKuo.Contracts;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Apis;

/// <summary>The time-limit documents (时限) as versioned data: which rule applied from when, how each clock starts, how applications are judged, which steps each kind skips.</summary>
public static class PoliciesApi
{
    /// <param name="ClockOwner">The step whose clock this step runs on (itself when it has its own limit); null for customer time.</param>
    /// <param name="StartsAfter">Own clocks: the step whose completion starts the clock (null: at submission).</param>
    public sealed record StepLimitView(
        string Step, string Name, string ActedBy, int? LimitWorkingDays, string? ClockOwner, string? StartsAfter, string? StartRule,
        decimal? MinVoltageKv, bool Judged, bool CustomerTime, bool IsDefault, string Source);

    public sealed record AssessmentRuleView(string Kind, string? From, string? To, int? LimitWorkingDays, bool IsDefault, string Source);

    /// <summary>A customer-service task's limit (投诉处理, 回访), the same for every class.</summary>
    public sealed record ServiceLimitView(string Task, int LimitWorkingDays, bool IsDefault, string Source);

    public sealed record ClassView(
        string CustomerClass, bool ZeroService, decimal? ZeroServiceCapacityCeilingKw, decimal? MinVoltageKv, decimal? MaxVoltageKv,
        AssessmentRuleView Assessment, IReadOnlyList<StepLimitView> Steps);

    public sealed record KindRuleView(
        string Kind, string Name, IReadOnlyList<string> OmitSteps, IReadOnlyDictionary<string, IReadOnlyList<string>> OmitStepsByClass,
        int? TemporaryMaxDurationDays, int? TemporaryReminderWorkingDaysBefore, bool IsDefault, string Source);

    public sealed record PolicyView(string Version, string Title, string EffectiveFrom, string? EffectiveTo, IReadOnlyList<ClassView> Classes, IReadOnlyList<KindRuleView> Kinds,
        IReadOnlyList<ServiceLimitView> ServiceLimits);

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{AcceptanceApis.Policies}/time-limits", List).WithTags("Policies").AllowAnonymous();
        return app;
    }

    public static Ok<PolicyView[]> List(TimeLimitPolicyBook book) => TypedResults.Ok(book.Policies
        .OrderByDescending(p => p.EffectiveFrom)
        .Select(p => new PolicyView(p.Version, p.Title, p.EffectiveFrom.ToString("yyyy-MM-dd"), p.EffectiveTo?.ToString("yyyy-MM-dd"),
            p.Profiles.OrderBy(c => c.Class).Select(c => ClassOf(p, c)).ToArray(),
            p.Kinds.OrderBy(k => k.Kind).Select(k => new KindRuleView(
                k.Kind.ToString(), k.Kind.ChineseName(), k.OmitSteps.Select(s => s.ToString()).ToArray(),
                k.OmitStepsByClass.ToDictionary(e => e.Key.ToString(), e => (IReadOnlyList<string>)e.Value.Select(s => s.ToString()).ToArray()),
                k.TemporarySupply?.MaxDurationDays, k.TemporarySupply?.ReminderWorkingDaysBefore, k.IsDefault, k.Source)).ToArray(),
            p.ServiceLimits.OrderBy(l => l.Task).Select(l => new ServiceLimitView(l.Task.ToString(), l.LimitWorkingDays, l.IsDefault, l.Source)).ToArray()))
        .ToArray());

    private static ClassView ClassOf(TimeLimitPolicy policy, CustomerClassProfile profile)
    {
        var a = profile.Assessment;
        return new ClassView(
            profile.Class.ToString(), profile.ZeroService, profile.ZeroServiceCapacityCeiling?.Kw, profile.Voltage.MinKv, profile.Voltage.MaxKv,
            new AssessmentRuleView(a.Kind.ToString(), a.From?.ToString(), a.To?.ToString(), a.LimitWorkingDays, a.IsDefault, a.Source),
            profile.Steps.Select(s => policy.LimitFor(profile.Class, s)).Select(l =>
            {
                var definition = StepCatalogue.Of(l.Step);
                return new StepLimitView(
                    l.Step.ToString(), definition.ChineseName, definition.ActedBy.ToString(), l.LimitWorkingDays,
                    l.IsCustomerTime ? null : policy.ClockOwnerOf(profile.Class, l.Step).ToString(),
                    l.Start?.After?.ToString(), l.Start?.Rule, l.MinVoltageKv, policy.IsJudged(profile.Class, l.Step), l.IsCustomerTime,
                    l.IsDefault, l.Source);
            }).ToArray());
    }
}
