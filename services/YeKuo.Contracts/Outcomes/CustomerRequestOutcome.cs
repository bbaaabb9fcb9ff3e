namespace YeKuo.Contracts.Outcomes;

/// <summary>
/// A customer's request that opens a department's clock (设计文件送审, 中间检查申请, 竣工报验, the 接入系统设计 report; a
/// re-check request after 整改 in later rounds): who did the work (the qualified unit the customer chose, 三不指定), what
/// was submitted, and on a re-check what was rectified.
/// </summary>
/// <param name="Contractor">The designer or builder the customer commissioned.</param>
/// <param name="Documents">What the customer handed in (drawings, reports, the hidden works ready for inspection).</param>
/// <param name="Rectification">What was rectified since the failed check (a re-check request); null on a first request.</param>
public sealed record CustomerRequestOutcome(string Contractor, IReadOnlyList<string> Documents, string? Rectification, string? Remarks) : StepOutcome;
