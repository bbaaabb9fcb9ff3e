using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// What a document says about one customer class: its ordered step set (差异化简化; some steps only from a voltage up),
/// whether it gets 三零服务 (零上门/零审批/零投资), the capacity ceiling for 三零 if any, the expected voltage and how the
/// class's applications are judged.
/// </summary>
public sealed record CustomerClassProfile(
    CustomerClass Class,
    IReadOnlyList<Step> Steps,
    bool ZeroService,
    CapacityCeiling? ZeroServiceCapacityCeiling,
    VoltageRange Voltage,
    Assessment Assessment);
