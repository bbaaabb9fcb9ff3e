using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>What the customer applies for (seed 000: 临时用电和变更用电; seed 002: 新装或增容). See <see cref="ApplicationKinds"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationKind>))]
public enum ApplicationKind
{
    /// <summary>新装: a new connection.</summary>
    NewConnection,

    /// <summary>增容: more capacity on an existing account (户号); the requested capacity is the increase.</summary>
    CapacityIncrease,

    /// <summary>变更用电: a change of use on an existing account (what changes is part of the application).</summary>
    ChangeOfUse,

    /// <summary>临时用电: temporary supply until an end date, then removed or converted.</summary>
    TemporarySupply,
}

/// <summary>The names of the kinds of application (one home for every page and notice).</summary>
public static class ApplicationKinds
{
    public static string ChineseName(this ApplicationKind kind) => kind switch
    {
        ApplicationKind.NewConnection => "新装",
        ApplicationKind.CapacityIncrease => "增容",
        ApplicationKind.ChangeOfUse => "变更用电",
        ApplicationKind.TemporarySupply => "临时用电",
        _ => kind.ToString(),
    };

    public static string EnglishName(this ApplicationKind kind) => kind switch
    {
        ApplicationKind.NewConnection => "New connection",
        ApplicationKind.CapacityIncrease => "Capacity increase",
        ApplicationKind.ChangeOfUse => "Change of use",
        ApplicationKind.TemporarySupply => "Temporary supply",
        _ => kind.ToString(),
    };

    /// <summary>Kinds that apply on an existing account (户号).</summary>
    public static bool NeedsAccount(this ApplicationKind kind) => kind is ApplicationKind.CapacityIncrease or ApplicationKind.ChangeOfUse;
}
