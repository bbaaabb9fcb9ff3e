namespace YeKuo.SupplyScheme.Steps;

/// <summary>计量方式 of a supply scheme.</summary>
public enum MeteringMethod
{
    /// <summary>高供高计.</summary>
    HighSupplyHighMetering,

    /// <summary>高供低计.</summary>
    HighSupplyLowMetering,

    /// <summary>低供低计.</summary>
    LowSupplyLowMetering,
}
