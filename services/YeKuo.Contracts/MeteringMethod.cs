using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>计量方式 of a supply scheme.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeteringMethod>))]
public enum MeteringMethod
{
    /// <summary>高供高计.</summary>
    HighSupplyHighMetering,

    /// <summary>高供低计.</summary>
    HighSupplyLowMetering,

    /// <summary>低供低计.</summary>
    LowSupplyLowMetering,
}

/// <summary>The words customers and staff know the 计量方式 by.</summary>
public static class MeteringMethods
{
    public static string ChineseName(this MeteringMethod method) => method switch
    {
        MeteringMethod.HighSupplyHighMetering => "高供高计",
        MeteringMethod.HighSupplyLowMetering => "高供低计",
        MeteringMethod.LowSupplyLowMetering => "低供低计",
        _ => method.ToString(),
    };
}
