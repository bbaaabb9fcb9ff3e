using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>Customer classes that decide an application's step set and time limits (《电力营销业扩报装水平的提升策略》: 差异化简化).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CustomerClass>))]
public enum CustomerClass
{
    /// <summary>居民 (三零服务).</summary>
    Residential,

    /// <summary>低压小微企业 (三零服务).</summary>
    SmallMicroBusiness,

    /// <summary>民营经济组织 on low voltage, within the 三零 capacity ceiling (624号文 extends 三零 to them).</summary>
    PrivateOrganisation,

    /// <summary>低压非居民 with external line works (有外线工程).</summary>
    LowVoltageNonResidential,

    /// <summary>低压非居民 without external line works (无外线工程).</summary>
    LowVoltageNonResidentialNoExternalWorks,

    /// <summary>高压单电源.</summary>
    HighVoltageSingleSource,

    /// <summary>高压双电源.</summary>
    HighVoltageDualSource,
}
