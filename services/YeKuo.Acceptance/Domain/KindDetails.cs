using YeKuo.Contracts;

namespace YeKuo.Acceptance.Domain;

/// <summary>
/// What kind of application it is and what that kind needs (the application's <see cref="ApplicationKind"/>):
/// 增容 an existing 户号 and its current capacity (the requested capacity is the increase), 变更用电 an existing 户号
/// and what changes, 临时用电 its end date.
/// </summary>
public sealed record KindDetails(
    ApplicationKind Kind,
    string? AccountNumber = null,
    decimal? CurrentCapacityKva = null,
    IReadOnlyList<UseChange>? Changes = null,
    string? ChangeDescription = null,
    DateOnly? TemporaryUntil = null)
{
    public static readonly KindDetails NewConnection = new(ApplicationKind.NewConnection);
}
