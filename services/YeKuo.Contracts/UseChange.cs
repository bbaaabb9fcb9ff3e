using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>What a 变更用电 application changes on the existing account (供电营业规则's 变更用电 items).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UseChange>))]
public enum UseChange
{
    /// <summary>减容: less contracted capacity.</summary>
    CapacityReduction,

    /// <summary>暂停: suspend (part of) the supply for a while.</summary>
    Suspension,

    /// <summary>迁址: move the supply to another address.</summary>
    Relocation,

    /// <summary>移表: move the meter.</summary>
    MeterRelocation,

    /// <summary>更名或过户: a new name or a new owner of the account.</summary>
    NameOrOwner,

    /// <summary>改类: another tariff class (用电类别).</summary>
    TariffClass,

    /// <summary>改压: another supply voltage.</summary>
    VoltageChange,
}

/// <summary>The names of the changes of use.</summary>
public static class UseChanges
{
    public static string ChineseName(this UseChange change) => change switch
    {
        UseChange.CapacityReduction => "减容",
        UseChange.Suspension => "暂停",
        UseChange.Relocation => "迁址",
        UseChange.MeterRelocation => "移表",
        UseChange.NameOrOwner => "更名或过户",
        UseChange.TariffClass => "改类",
        UseChange.VoltageChange => "改压",
        _ => change.ToString(),
    };

    public static string EnglishName(this UseChange change) => change switch
    {
        UseChange.CapacityReduction => "Capacity reduction",
        UseChange.Suspension => "Suspension",
        UseChange.Relocation => "Relocation",
        UseChange.MeterRelocation => "Meter relocation",
        UseChange.NameOrOwner => "New name or owner",
        UseChange.TariffClass => "Tariff class",
        UseChange.VoltageChange => "Voltage change",
        _ => change.ToString(),
    };
}
