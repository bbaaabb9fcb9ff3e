using Microsoft.AspNetCore.Http.HttpResults;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Apis;

/// <summary>The time-limit documents (时限) as versioned data: which rule applied from when.</summary>
public static class PoliciesApi
{
    public sealed record StepLimitView(string Step, int? LimitWorkingDays, string? SharesClockWith, bool Judged, bool CustomerTime, bool IsDefault, string Source);

    public sealed record ClassView(string CustomerClass, bool ZeroService, decimal? ZeroServiceCapacityCeilingKw, decimal? MinVoltageKv, decimal? MaxVoltageKv, IReadOnlyList<StepLimitView> Steps);

    public sealed record PolicyView(string Version, string Title, string EffectiveFrom, IReadOnlyList<ClassView> Classes);

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/policies/time-limits", List).WithTags("Policies").AllowAnonymous();
        return app;
    }

    public static Ok<PolicyView[]> List(TimeLimitPolicyBook book) => TypedResults.Ok(book.Policies
        .OrderByDescending(p => p.EffectiveFrom)
        .Select(p => new PolicyView(p.Version, p.Title, p.EffectiveFrom.ToString("yyyy-MM-dd"), p.Profiles
            .OrderBy(c => c.Class)
            .Select(c => new ClassView(
                c.Class.ToString(), c.ZeroService, c.ZeroServiceCapacityCeiling?.Kw, c.Voltage.MinKv, c.Voltage.MaxKv,
                c.Steps.Select(s => p.LimitFor(c.Class, s)).Select(l => new StepLimitView(
                    l.Step.ToString(), l.LimitWorkingDays, l.SharesClockWith?.ToString(), l.Judged, l.IsCustomerTime, l.IsDefault, l.Source)).ToArray()))
            .ToArray()))
        .ToArray());
}
