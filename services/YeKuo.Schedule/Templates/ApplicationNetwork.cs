using YeKuo.Contracts;
using YeKuo.Schedule.Network;

namespace YeKuo.Schedule.Templates;

/// <summary>The schedule network of one class and kind of application, with where each department clock lies on it.</summary>
public sealed record ApplicationNetwork(CustomerClass Class, ApplicationKind Kind, ScheduleNetwork Network, IReadOnlyList<ClockSpan> Clocks)
{
    /// <summary>True for the classes with a supply scheme (not 三零).</summary>
    public bool HasSchemeReply => Network.Contains(ActivityIds.SchemeReply);

    /// <summary>True when the customer builds and reports completion (竣工报验).</summary>
    public bool HasCompletionRequest => Network.Contains(ActivityIds.CompletionRequest);

    public ApplicationNetwork WithNetwork(ScheduleNetwork network) => this with { Network = network };
}
