using YeKuo.Contracts.Outcomes;
using YeKuo.Workflow.Hosting.Domain;

namespace YeKuo.Workflow.Hosting.Steps;

/// <summary>
/// The customer's requests that open a department's clock (提交设计文件, 申请中间检查, 竣工报验, 接入系统设计), made online
/// or by a counter clerk for the customer: who did the work (the qualified unit the customer chose, 三不指定), what is
/// handed in, and in a re-check round (after a failed check) what was rectified.
/// </summary>
public sealed class CustomerRequestCompletion : StepCompletion<CustomerRequestCompletion.Body, CustomerRequestOutcome>
{
    public const int MaxDocuments = 20;

    /// <param name="Contractor">The designer or builder the customer commissioned.</param>
    /// <param name="Documents">What is handed in, one entry each (drawings, reports, the works ready for inspection).</param>
    /// <param name="Rectification">What was rectified since the failed check: required in a re-check round.</param>
    public sealed record Body(string? Contractor, IReadOnlyList<string>? Documents, string? Rectification, string? Remarks);

    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
        errors.Required("contractor", body.Contractor, 100);
        var documents = body.Documents ?? [];
        if (documents.Count == 0)
        {
            errors.Add("documents", "List at least one document or item handed in (e.g. 施工图设计文件, 隐蔽工程验收记录).");
        }
        else if (documents.Count > MaxDocuments || documents.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 200))
        {
            errors.Add("documents", $"At most {MaxDocuments} entries, each 1 to 200 characters.");
        }
        if (item.Round > 1)
        {
            errors.Required("rectification", body.Rectification, 1000);
        }
        else
        {
            errors.Optional("rectification", body.Rectification, 1000);
        }
        errors.Optional("remarks", body.Remarks, 1000);
    }

    protected override CustomerRequestOutcome Outcome(Body body, WorkItem item) => new(
        body.Contractor!.Trim(),
        body.Documents!.Select(d => d.Trim()).ToArray(),
        body.Rectification?.Trim() is { Length: > 0 } rectified ? rectified : null,
        body.Remarks?.Trim() is { Length: > 0 } remarks ? remarks : null);
}
