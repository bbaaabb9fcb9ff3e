using System.Net;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Apis;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Policies;

namespace YeKuo.SupplyScheme.Flow.Tests.Support;

/// <summary>
/// One application going through 供电方案 in <see cref="SchemeFlowApp"/>: Acceptance's handoff arrives on the bus, the
/// surveyor completes 现场勘查, and the 供电方案答复 round opens; then drafting, reviewing, replying and confirming
/// through the HTTP API. Every action moves the clock on by an hour, as real work would.
/// </summary>
public sealed class SchemeApplication(SchemeFlowApp app, CustomerClass customerClass)
{
    public const string PolicyVersion = "YK-TL-2024";

    public const string Drafter = "drafter-li";

    public static readonly IReadOnlyList<string> Departments = ["operations", "dispatch", "metering", "marketing"];

    public Guid ApplicationId { get; } = Guid.NewGuid();

    public string ApplicationNumber { get; } = $"YK20260302{Random.Shared.Next(1_000_000):D6}";

    public string CustomerId { get; } = $"cust-{Guid.NewGuid():N}"[..16];

    public IReadOnlyList<Step> Plan { get; } = TimeLimitPolicyBook.LoadDefault().ForVersion(PolicyVersion).StepsFor(customerClass);

    public bool IsHighVoltage => customerClass is CustomerClass.HighVoltageSingleSource or CustomerClass.HighVoltageDualSource;

    /// <summary>A valid scheme for the class; <paramref name="capacityKva"/> tells revisions apart.</summary>
    public object Scheme(decimal capacityKva = 800m) => IsHighVoltage
        ? new
        {
            voltageKv = 10m,
            sourceCount = customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1,
            capacityKva,
            meteringMethod = "HighSupplyHighMetering",
            summary = "由 110kV 城东变 10kV 城东线 T 接, 新建 10kV 配电室一座",
        }
        : new
        {
            voltageKv = 0.4m,
            sourceCount = 1,
            capacityKva,
            meteringMethod = "LowSupplyLowMetering",
            summary = "由 10kV 城东线 3# 公变低压出线接入, 计量箱装于用户红线处",
        };

    /// <summary>受理 done elsewhere → 现场勘查 here → completed → the first 供电方案答复 round opens.</summary>
    /// <param name="acceptanceArrives">
    /// False holds back 受理's <c>ApplicationAccepted</c> (its queue behind the handoff's): publish it later with
    /// <see cref="PublishAcceptedAsync"/>.
    /// </param>
    public async Task<WorkItemDto> OpenSchemeReplyAsync(ApplicationKind kind = ApplicationKind.NewConnection, bool acceptanceArrives = true)
    {
        var acceptedAt = app.Clock.GetUtcNow();
        // 受理 publishes its acceptance with the completion: SupplyScheme opens the charge account from it.
        if (acceptanceArrives)
        {
            await PublishAcceptedAsync(kind, acceptedAt);
        }
        await app.PublishAsync(new StepCompleted(Guid.NewGuid(), ApplicationId, ApplicationNumber, CustomerId, customerClass, PolicyVersion,
            Step.Acceptance, Department.Acceptance, 1, "clerk-wu", acceptedAt.AddHours(-2), acceptedAt, null, Plan, new AcceptanceOutcome("资料齐全")));
        var survey = await app.WorkItemAsync(ApplicationId, w => w.Step == nameof(Step.SiteSurvey), "现场勘查");

        app.Clock.Advance(TimeSpan.FromHours(1));
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, app.PostAsync($"/api/supply-scheme/work-items/{survey.Id}/complete",
            new { findings = "10kV 城东线 3# 杆附近可接入, 线路走廊通畅", gridCapacityAvailable = true }, "surveyor-zhao"));
        await app.PublishedAsync<StepCompleted>(e => e.ApplicationId == ApplicationId && e.Step == Step.SiteSurvey, consumed: true);
        return await SchemeReplyRoundAsync(1);
    }

    public Task PublishAcceptedAsync(ApplicationKind kind, DateTimeOffset acceptedAt) => app.PublishAsync(Accepted(kind, acceptedAt));

    /// <summary>受理's acceptance of this application, as published with its completion.</summary>
    public ApplicationAccepted Accepted(ApplicationKind kind, DateTimeOffset acceptedAt) =>
        new(ApplicationId, ApplicationNumber, CustomerId, customerClass, 800m, IsHighVoltage ? 10m : 0.4m,
            customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1, PolicyVersion, Plan, "cm-zhang", acceptedAt, kind);

    public Task<WorkItemDto> SchemeReplyRoundAsync(int round) =>
        app.WorkItemAsync(ApplicationId, w => w.Step == nameof(Step.SchemeReply) && w.Round == round, $"供电方案答复 round {round}");

    public Task<WorkItemDto> ConfirmationRoundAsync(int round) =>
        app.WorkItemAsync(ApplicationId, w => w.Step == nameof(Step.SchemeConfirmation) && w.Round == round, $"客户确认 round {round}");

    public Task<HttpResponseMessage> DraftAsync(Guid workItemId, object scheme, string user = Drafter)
    {
        app.Clock.Advance(TimeSpan.FromHours(1));
        return app.PostAsync($"/api/supply-scheme/work-items/{workItemId}/draft", scheme, user);
    }

    public async Task<SchemeReviewDto> SubmitDraftAsync(Guid workItemId, object scheme) =>
        await SchemeFlowApp.ReadAsync<SchemeReviewDto>(await SchemeFlowApp.ExpectAsync(HttpStatusCode.Created, DraftAsync(workItemId, scheme)));

    public Task<HttpResponseMessage> OpinionAsync(Guid reviewId, string department, bool approve, string? comments = null, string? reviewer = null)
    {
        app.Clock.Advance(TimeSpan.FromHours(1));
        return app.PostAsync($"/api/supply-scheme/reviews/{reviewId}/opinions", new { department, approve, comments }, reviewer ?? $"reviewer-{department}");
    }

    /// <summary>Every configured department approves; returns the review after the last opinion.</summary>
    public async Task<SchemeReviewDto> ApproveByAllAsync(Guid reviewId)
    {
        HttpResponseMessage? last = null;
        foreach (var department in Departments)
        {
            last = await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, OpinionAsync(reviewId, department, approve: true, comments: "同意"));
        }
        return await SchemeFlowApp.ReadAsync<SchemeReviewDto>(last!);
    }

    public Task<HttpResponseMessage> MeetingDecisionAsync(Guid reviewId, bool approve, string? comments = null) =>
        app.PostAsync($"/api/supply-scheme/reviews/{reviewId}/meeting-decision", new { approve, comments }, "meeting-secretary");

    /// <summary>The reply: completing the 供电方案答复 round with the scheme told to the customer.</summary>
    public Task<HttpResponseMessage> ReplyAsync(Guid workItemId, object scheme)
    {
        app.Clock.Advance(TimeSpan.FromHours(1));
        return app.PostAsync($"/api/supply-scheme/work-items/{workItemId}/complete", scheme, Drafter);
    }

    public Task<HttpResponseMessage> CustomerAnswersAsync(Guid workItemId, bool confirmed, string? comments)
    {
        app.Clock.Advance(TimeSpan.FromHours(1));
        return app.PostAsync($"/api/supply-scheme/work-items/{workItemId}/complete", new { confirmed, comments }, CustomerId);
    }

    public Task<SchemeRoundDto> SchemeOfRoundAsync(Guid workItemId) =>
        app.GetAsync<SchemeRoundDto>($"/api/supply-scheme/work-items/{workItemId}/scheme");

    public Task<SchemeReviewDto[]> HistoryAsync() =>
        app.GetAsync<SchemeReviewDto[]>($"/api/supply-scheme/reviews?applicationId={ApplicationId}&status=all");
}
