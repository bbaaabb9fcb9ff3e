using YeKuo.Contracts;

namespace YeKuo.Acceptance.Apis;

/// <summary>
/// What a plausible application of each class asks for, beyond the policy's rules (which class range a voltage must be
/// in, the 三零 ceiling): a standard supply voltage, and a capacity within what the class's supply can carry. Checked
/// only where the policy's own check passed, so a field gets one message.
/// </summary>
public static class SubmissionRanges
{
    /// <summary>Standard nominal supply voltages in kV (GB/T 156 标准电压): 220/380 V and 0.4 kV low voltage, then the high-voltage levels.</summary>
    public static readonly IReadOnlyList<decimal> StandardVoltagesKv = [0.22m, 0.38m, 0.4m, 3m, 6m, 10m, 20m, 35m, 66m, 110m, 220m, 330m, 500m, 750m, 1000m];

    /// <summary>
    /// Capacity bounds (kVA) per class: a household, a low-voltage supply (a 0.4 kV service beyond 1,000 kVA is not
    /// low voltage any more), and high voltage from a small 50 kVA transformer up to
    /// <see cref="ApplicationRequestValidator.MaxCapacityKva"/>. Plausibility bounds, not tariff or policy thresholds.
    /// </summary>
    public static (decimal MinKva, decimal MaxKva) CapacityOf(CustomerClass customerClass) => customerClass switch
    {
        CustomerClass.Residential => (0.5m, 100m),
        CustomerClass.HighVoltageSingleSource or CustomerClass.HighVoltageDualSource => (50m, ApplicationRequestValidator.MaxCapacityKva),
        _ => (1m, 1_000m),
    };

    public static void Check(SubmitApplicationRequest request, CustomerClass customerClass, IDictionary<string, string[]> errors)
    {
        if (request.VoltageKv is { } voltage && !errors.ContainsKey("voltageKv") && !StandardVoltagesKv.Contains(voltage))
        {
            errors["voltageKv"] = [$"voltageKv must be a standard supply voltage: {string.Join(", ", StandardVoltagesKv)} kV."];
        }
        var (min, max) = CapacityOf(customerClass);
        if (request.CapacityKva is { } capacity && !errors.ContainsKey("capacityKva") && (capacity < min || capacity > max))
        {
            errors["capacityKva"] = [$"capacityKva for {customerClass} must be from {min} to {max} kVA."];
        }
    }
}
