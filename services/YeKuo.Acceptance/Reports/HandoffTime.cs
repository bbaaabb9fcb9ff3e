using YeKuo.Workflow.Calendar;

namespace YeKuo.Acceptance.Reports;

/// <summary>
/// The company's part of a handoff: the previous step's completion → the next step's opening, less the customer's time
/// in between. The opening department records that time as pauses of the step it opens (装表接电 held until the charges
/// are paid: 客户原因: 待缴费, from the hold until the release), so a customer who pays days after the contract does not
/// show as days of handoff between departments. The company is judged only on its own time, and so is a handoff.
/// </summary>
public static class HandoffTime
{
    /// <param name="completedAt">The previous step's completion.</param>
    /// <param name="openedAt">The next step's opening.</param>
    /// <param name="pauses">The opened step's pauses (customer time); an open pause runs until the opening.</param>
    public static TimeSpan Of(DateTimeOffset completedAt, DateTimeOffset openedAt, IEnumerable<(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt)> pauses) =>
        openedAt <= completedAt ? TimeSpan.Zero : openedAt - completedAt - PauseUnion.Within(pauses, completedAt, openedAt);
}
