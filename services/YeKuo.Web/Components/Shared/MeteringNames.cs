using YeKuo.Contracts;

namespace YeKuo.Web.Components.Shared;

/// <summary>计量方式 names (Chinese, the UI's key) from the contracts, for a method named by the APIs.</summary>
public static class MeteringNames
{
    public static string Of(string? method) => Enum.TryParse<MeteringMethod>(method, out var parsed) && Enum.IsDefined(parsed) ? parsed.ChineseName() : method ?? "";

    public static string Of(MeteringMethod method) => method.ChineseName();
}
