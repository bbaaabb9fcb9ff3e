namespace YeKuo.IntegrationTests;

internal static class TestData
{
    /// <summary>A 统一社会信用代码 with a correct GB 32100 check character.</summary>
    public const string CreditCode = "91632200MA752ABC1C";

    /// <summary>A 居民身份证号 with a correct ISO 7064 MOD 11-2 check digit.</summary>
    public const string ResidentId = "63220019900101123X";
}
