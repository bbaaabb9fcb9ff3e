using System.Globalization;

namespace YeKuo.ServiceDefaults.Validation;

/// <summary>
/// Reading query and route values the same way everywhere, with their ranges: dates between <see cref="EarliestDate"/>
/// and <see cref="LatestDate"/> (far enough for any deadline, near enough that date arithmetic never overflows), enum
/// names only (never numbers, which would name members that do not exist). A bad value is a field error, never a 500.
/// </summary>
public static class QueryValues
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>A <c>yyyy-MM-dd</c> date in range, null when absent; adds a field error and returns null when invalid.</summary>
    public static DateOnly? Date(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && IsInRange(date))
        {
            return date;
        }
        errors[field] = [$"{field} must be a date in yyyy-MM-dd form from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}."];
        return null;
    }

    /// <summary>An ISO 8601 date or instant (UTC when no offset is given) in range, null when absent; a field error when invalid.</summary>
    public static DateTimeOffset? Instant(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && IsInRange(DateOnly.FromDateTime(at.UtcDateTime)))
        {
            return at;
        }
        errors[field] = [$"{field} must be an ISO 8601 date or instant (e.g. 2026-03-02 or 2026-03-02T02:00:00Z) from {EarliestDate.Year} to {LatestDate.Year}."];
        return null;
    }

    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>The member of <typeparamref name="TEnum"/> named <paramref name="value"/> (case-insensitive, names only).</summary>
    public static bool TryName<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        var name = Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        result = name is null ? default : Enum.Parse<TEnum>(name);
        return name is not null;
    }

    /// <summary>The names a value of <typeparamref name="TEnum"/> may take, for error messages.</summary>
    public static string NamesOf<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());
}
