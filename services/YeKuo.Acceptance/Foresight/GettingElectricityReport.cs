namespace YeKuo.Acceptance.Foresight;

/// <summary>Mean, median, P10/P90 and range of one measure over the applications.</summary>
public sealed record Distribution(int Count, double Mean, double Median, double P10, double P90, double Min, double Max)
{
    public static Distribution Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new Distribution(0, 0, 0, 0, 0, 0, 0);
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, Math.Round(sorted.Average(), 2), At(0.5), At(0.1), At(0.9), sorted[0], sorted[^1]);
    }
}

/// <summary>One connected application of the period, as the World Bank would count it.</summary>
/// <param name="Cost">What the customer paid for the connection (paid − refunded) by the fees record; null: no charges recorded.</param>
public sealed record GettingElectricityCase(string Number, string CustomerClass, string Kind, DateOnly Submitted, DateOnly PowerOn, int Procedures, int CalendarDays,
    decimal? Cost);

/// <summary>One procedure of the standard connection: a dealing of the customer with the company, with its median days.</summary>
public sealed record GettingElectricityProcedure(int Order, string Step, string Name, int Applications, double MedianCalendarDays);

/// <summary>
/// "Getting Electricity" (World Bank Doing Business / B-READY): procedures, calendar days and cost for a standard
/// high-voltage connection (高压单电源 新装) connected in the period, with the distribution over the real applications.
/// <see cref="Cost"/> (CNY) is what the applications paid by Acceptance's fees record (<see cref="Fees.ApplicationCosts"/>), over
/// those with charges recorded; null when none has any (<see cref="CostNote"/> says so): never an estimate.
/// </summary>
public sealed record GettingElectricityReport(
    DateOnly From,
    DateOnly To,
    string Standard,
    int Applications,
    Distribution Procedures,
    Distribution CalendarDays,
    Distribution? Cost,
    string CostNote,
    IReadOnlyList<GettingElectricityProcedure> ProcedureList,
    IReadOnlyList<GettingElectricityCase> Cases,
    string Method);
