namespace YeKuo.Acceptance.Apis;

/// <summary>A new connection / capacity increase application (新装/增容).</summary>
/// <param name="CustomerClass">One of the <c>CustomerClass</c> names, e.g. HighVoltageSingleSource.</param>
/// <param name="IdentityNumber">统一社会信用代码 for organisations, 身份证号 for residents.</param>
/// <param name="CustomerId">Only when a counter clerk submits on a customer's behalf: that customer's account (subject).</param>
public sealed record SubmitApplicationRequest(
    string? CustomerName,
    string? CustomerClass,
    string? IdentityNumber,
    string? ContactPhone,
    string? Address,
    decimal? CapacityKva,
    decimal? VoltageKv,
    int? SourceCount,
    string? CustomerId = null);
