using System.Globalization;

namespace YeKuo.Web.Components.Shared;

/// <summary>Form text to numbers: anything unparseable is sent as null, so the API names the field.</summary>
public static class Numbers
{
    public static decimal? Decimal(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static int? Int(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
