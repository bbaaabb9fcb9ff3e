namespace YeKuo.Contracts;

/// <summary>One department as users and services know it (<see cref="DepartmentCatalogue"/>).</summary>
/// <param name="Service">Its service's name (Aspire resource, CloudEvents source); null for the customer.</param>
/// <param name="ApiPrefix">Where its service's API is behind the gateway (the gateway's route and the service's endpoints); null for the customer.</param>
/// <param name="HostsWorkItems">Whether its service hosts work items (its worklist is at <see cref="WorkItemsPrefix"/>).</param>
public sealed record DepartmentDefinition(
    Department Department,
    string ChineseName,
    string ChineseShortName,
    string EnglishName,
    string EnglishShortName,
    string? Service,
    string? ApiPrefix,
    bool HostsWorkItems)
{
    /// <summary>Where its worklist is behind the gateway (<c>{prefix}/work-items</c>); null when it hosts no work items.</summary>
    public string? WorkItemsPrefix => HostsWorkItems ? ApiPrefix : null;

    public string NameIn(bool english) => english ? EnglishName : ChineseName;

    public string ShortNameIn(bool english) => english ? EnglishShortName : ChineseShortName;
}
