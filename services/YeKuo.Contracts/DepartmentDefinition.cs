namespace YeKuo.Contracts;

/// <summary>One department as users and services know it (<see cref="DepartmentCatalogue"/>).</summary>
/// <param name="Service">Its service's name (Aspire resource, CloudEvents source); null for the customer.</param>
/// <param name="WorkItemsPrefix">Where its worklist is behind the gateway; null when it hosts no work items.</param>
public sealed record DepartmentDefinition(
    Department Department,
    string ChineseName,
    string ChineseShortName,
    string EnglishName,
    string EnglishShortName,
    string? Service,
    string? WorkItemsPrefix)
{
    public string NameIn(bool english) => english ? EnglishName : ChineseName;

    public string ShortNameIn(bool english) => english ? EnglishShortName : ChineseShortName;
}
