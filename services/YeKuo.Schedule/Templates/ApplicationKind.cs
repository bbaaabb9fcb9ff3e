namespace YeKuo.Schedule.Templates;

/// <summary>
/// Kinds of application (DOMAIN: 新装/增容/变更用电/临时用电). They change the customer's share of the work (an 增容
/// designs and builds less than a 新装) and, for 变更用电, which activities there are.
/// </summary>
public enum ApplicationKind
{
    /// <summary>新装: a new connection.</summary>
    NewConnection,

    /// <summary>增容: more capacity on an existing account (户号).</summary>
    CapacityIncrease,

    /// <summary>变更用电: a change of use on an existing account; no hidden works to inspect mid-construction.</summary>
    ChangeOfUse,

    /// <summary>临时用电: temporary supply with an end date.</summary>
    TemporarySupply,
}
