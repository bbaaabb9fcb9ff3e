namespace YeKuo.Contracts;

/// <summary>
/// Everything the system knows about one step, in one place (<see cref="StepCatalogue"/>).
/// </summary>
/// <param name="Department">The department whose service hosts the step's work item (a customer step too: where the customer files it).</param>
/// <param name="ActedBy">Who completes it: the department's staff, or the customer.</param>
/// <param name="ClockGroup">
/// The 考核节点 whose clock the step's time counts toward by default (itself for a node; a policy may regroup a step for a
/// class, e.g. 三零 surveys on the connection clock). For a customer step inside a node's span, the node whose clock stops
/// while the customer acts; null when it sits between nodes.
/// </param>
/// <param name="OutcomeType">The typed outcome its completion records and <c>StepCompleted</c> carries (a <c>StepOutcome</c>).</param>
/// <param name="SendsBackTo">
/// Where the application goes when the step's outcome does not let it move on (a failed check → the customer's request,
/// for 整改 and the re-check request; a scheme the customer wants changed → 方案答复); null or outside the plan: the same
/// step again in its next round.
/// </param>
public sealed record StepDefinition(
    Step Step,
    Department Department,
    StepActor ActedBy,
    string ChineseName,
    string EnglishName,
    Step? ClockGroup,
    StepJudging Judging,
    Type OutcomeType,
    Step? SendsBackTo = null)
{
    public bool IsCustomerStep => ActedBy == StepActor.Customer;

    /// <summary>Who answers for the step's time: the hosting department, or <see cref="Contracts.Department.Customer"/> for a customer step.</summary>
    public Department Responsible => IsCustomerStep ? Department.Customer : Department;

    public string NameIn(bool english) => english ? EnglishName : ChineseName;
}
