using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// What a document says about one customer class: its ordered step set (差异化简化), whether it gets 三零服务
/// (零上门/零审批/零投资), the capacity ceiling for 三零 if any, and the expected voltage.
/// </summary>
public sealed record CustomerClassProfile(
    CustomerClass Class,
    IReadOnlyList<Step> Steps,
    bool ZeroService,
    CapacityCeiling? ZeroServiceCapacityCeiling,
    VoltageRange Voltage);
