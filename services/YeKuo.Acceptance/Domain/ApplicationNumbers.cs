namespace YeKuo.Acceptance.Domain;

/// <summary>Application numbers: "YK" + the China business date + a 6-digit daily sequence, e.g. YK20261123000042.</summary>
public static class ApplicationNumbers
{
    public const string Prefix = "YK";

    public static string Format(DateOnly businessDate, int sequence) => $"{Prefix}{businessDate:yyyyMMdd}{sequence:D6}";

    public static string DayPrefix(DateOnly businessDate) => $"{Prefix}{businessDate:yyyyMMdd}";
}
