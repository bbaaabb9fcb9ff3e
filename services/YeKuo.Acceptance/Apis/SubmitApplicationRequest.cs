namespace YeKuo.Acceptance.Apis;

/// <summary>An application: 新装, 增容, 变更用电 or 临时用电 (<c>kind</c>, 新装 when absent).</summary>
/// <param name="CustomerClass">One of the <c>CustomerClass</c> names, e.g. HighVoltageSingleSource.</param>
/// <param name="IdentityNumber">统一社会信用代码 for organisations, 身份证号 for residents.</param>
/// <param name="CustomerId">Only when a counter clerk submits on a customer's behalf: that customer's account (subject).</param>
/// <param name="Kind">One of the <c>ApplicationKind</c> names: NewConnection (新装, the default), CapacityIncrease (增容),
/// ChangeOfUse (变更用电), TemporarySupply (临时用电).</param>
/// <param name="CapacityKva">The capacity applied for; for 增容 the increase, for 变更用电 the capacity after the change.</param>
/// <param name="AccountNumber">增容 and 变更用电: the existing 户号.</param>
/// <param name="CurrentCapacityKva">增容: the account's capacity now.</param>
/// <param name="Changes">变更用电: what changes (<c>UseChange</c> names, e.g. CapacityReduction, NameOrOwner).</param>
/// <param name="TemporaryUntil">临时用电: the last day of the supply.</param>
public sealed record SubmitApplicationRequest(
    string? CustomerName,
    string? CustomerClass,
    string? IdentityNumber,
    string? ContactPhone,
    string? Address,
    decimal? CapacityKva,
    decimal? VoltageKv,
    int? SourceCount,
    string? CustomerId = null,
    string? Kind = null,
    string? AccountNumber = null,
    decimal? CurrentCapacityKva = null,
    IReadOnlyList<string>? Changes = null,
    string? ChangeDescription = null,
    DateOnly? TemporaryUntil = null);
