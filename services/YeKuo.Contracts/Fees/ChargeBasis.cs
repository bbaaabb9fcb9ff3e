using System.Text.Json.Serialization;

namespace YeKuo.Contracts.Fees;

/// <summary>What a tariff item's amount is multiplied by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeBasis>))]
public enum ChargeBasis
{
    /// <summary>按容量: per kVA of the capacity in the replied scheme (for 增容 the increase).</summary>
    PerKva,

    /// <summary>按计量点: per meter (one metering point per supply source of the scheme).</summary>
    PerMeter,

    /// <summary>按次: a fixed amount per application.</summary>
    Fixed,
}

/// <summary>The words on every page and notice for a basis.</summary>
public static class ChargeBases
{
    public static string ChineseName(this ChargeBasis basis) => basis switch
    {
        ChargeBasis.PerKva => "按容量 (元/kVA)",
        ChargeBasis.PerMeter => "按计量点 (元/只)",
        ChargeBasis.Fixed => "按次 (元/次)",
        _ => basis.ToString(),
    };

    public static string EnglishName(this ChargeBasis basis) => basis switch
    {
        ChargeBasis.PerKva => "per kVA",
        ChargeBasis.PerMeter => "per meter",
        ChargeBasis.Fixed => "fixed",
        _ => basis.ToString(),
    };
}
