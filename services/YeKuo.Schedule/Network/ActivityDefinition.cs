using YeKuo.Contracts;

namespace YeKuo.Schedule.Network;

/// <summary>
/// One activity of an application's schedule network: a company step (or a part of one, e.g. one department's
/// review inside 供电方案答复) or the customer's own activity (design, construction, 整改, payment).
/// </summary>
/// <param name="Id">Unique in the network; the key of history and statistics (e.g. <c>review-dispatch</c>).</param>
/// <param name="Name">What people call it (e.g. 评审-调度).</param>
/// <param name="Owner">The department doing it, or <see cref="Department.Customer"/>.</param>
/// <param name="Step">The step of the process whose clock it runs on, if any (several activities may share one step).</param>
/// <param name="DurationWorkingDays">Planned working days of work (a meeting wait comes on top).</param>
/// <param name="FinishesAtMeeting">May only finish on a 方案审查会 sitting (<see cref="Calendar.MeetingRule"/>).</param>
public sealed record ActivityDefinition(
    string Id,
    string Name,
    Department Owner,
    Step? Step,
    int DurationWorkingDays,
    IReadOnlyList<Dependency> Predecessors,
    bool FinishesAtMeeting = false)
{
    /// <summary>The customer's time: tracked and forecast, never judged against a department's limit.</summary>
    public bool IsCustomerTime => Owner == Department.Customer;

    /// <summary>A plain activity (as in a textbook network): owner and step do not matter for the pass.</summary>
    public static ActivityDefinition Of(string id, int durationWorkingDays, params Dependency[] predecessors) =>
        new(id, id, Department.SupplyScheme, null, durationWorkingDays, predecessors);
}
