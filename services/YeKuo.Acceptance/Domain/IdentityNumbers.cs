namespace YeKuo.Acceptance.Domain;

/// <summary>Check characters of Chinese identity numbers, so a typo is caught at the counter and not at contract time.</summary>
public static class IdentityNumbers
{
    private const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdCheck = "10X98765432";

    /// <summary>统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet, the last a MOD 31 check.</summary>
    public static bool IsValidCreditCode(string? code)
    {
        if (code is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = CreditCodeAlphabet.IndexOf(code[i]);
            if (value < 0)
            {
                return false;
            }
            sum += value * CreditCodeWeights[i];
        }

        var check = (31 - sum % 31) % 31;
        return code[17] == CreditCodeAlphabet[check];
    }

    /// <summary>居民身份证号 (GB 11643, ISO 7064 MOD 11-2): 17 digits, a valid birth date, and a check digit or X.</summary>
    public static bool IsValidResidentId(string? id)
    {
        if (id is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }
            sum += (id[i] - '0') * ResidentIdWeights[i];
        }

        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", out _))
        {
            return false;
        }
        return char.ToUpperInvariant(id[17]) == ResidentIdCheck[sum % 11];
    }

    /// <summary>Masks all but the first 3 and last 4 characters, for logs, traces and partner data.</summary>
    public static string Mask(string? value) =>
        value is null or { Length: <= 7 } ? "****" : $"{value[..3]}{new string('*', value.Length - 7)}{value[^4..]}";
}
