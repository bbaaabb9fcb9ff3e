using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Worklists;

/// <summary>A work item as a committed change left it: what a worklist stream shows, and what it filters on.</summary>
public sealed record WorkItemChange(WorkItemDto Item, WorkItemStatus Status, Step Step, Department Department, string CustomerId)
{
    public static WorkItemChange From(WorkItem item) => new(WorkItemDto.From(item), item.Status, item.Step, item.Department, item.CustomerId);
}
