using System.Diagnostics;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Telemetry;

/// <summary>
/// Ties a human step's work back to the handoff that opened it. The completion runs days later in its own trace;
/// its request span gets an <see cref="ActivityLink"/> to the trace context stored on the work item when it opened
/// (<see cref="WorkItem.OpenedTraceParent"/>) and the handoff tags. Tools that do not show links still see the
/// link as the tag <c>yekuo.opened.traceparent</c>.
/// </summary>
public static class StepTrace
{
    public const string OpenedTraceParentTag = "yekuo.opened.traceparent";

    public static void LinkToOpening(Activity? activity, WorkItem item)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetTag("yekuo.application.id", item.ApplicationId.ToString());
        activity.SetTag("yekuo.step", item.Step.ToString());
        activity.SetTag("yekuo.department", item.Department.ToString());
        activity.SetTag("yekuo.work_item.id", item.Id.ToString());
        if (item.OpenedTraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, isRemote: true, out var opened))
        {
            activity.AddLink(new ActivityLink(opened, new ActivityTagsCollection { ["yekuo.link"] = "opened-by-handoff" }));
            activity.SetTag(OpenedTraceParentTag, traceParent);
        }
    }
}
