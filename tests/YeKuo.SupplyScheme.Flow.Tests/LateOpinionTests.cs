using System.Net;
using Microsoft.Extensions.DependencyInjection;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.SupplyScheme.Supervision;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>
/// A named reviewer's opinion has its own limit (<c>SchemeReviewOpinion</c>, policy data); when it passes with the
/// department still silent, one warning per revision and department goes out through the outbox, marked on the revision.
/// </summary>
public sealed class LateOpinionTests
{
    private static readonly DateTimeOffset Drafted = SchemeFlowApp.Monday10China;

    // Drafted Mon 2026-03-02 → due at the end of Wed 03-04, China time.
    private static readonly DateTimeOffset Due = new(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));

    private static SchemeReview Review() => SchemeReview.Submit(Guid.NewGuid(), "YK20260302000001", CustomerClass.LowVoltageNonResidential,
        Guid.NewGuid(), 1, new SchemeDraft(10m, 1, 200m, MeteringMethod.HighSupplyHighMetering, "方案"), ["operations", "metering"], "drafter-li", Drafted);

    [Fact]
    public void Before_the_opinion_limit_passes_no_department_is_late()
    {
        var review = Review();

        Assert.Empty(review.MarkLateOpinions(Due, Due));
        Assert.Empty(review.LateWarnedDepartments);
    }

    [Fact]
    public void Past_the_limit_each_silent_department_is_marked_late_once_and_one_that_answered_in_time_never()
    {
        var review = Review();
        review.GiveOpinion("metering", true, null, "reviewer-metering", Drafted.AddHours(2), at => at);
        var version = review.Version;

        Assert.Equal(["operations"], review.MarkLateOpinions(Due, Due.AddMinutes(1)));
        Assert.NotEqual(version, review.Version); // the mark commits under the revision's concurrency token
        Assert.Empty(review.MarkLateOpinions(Due, Due.AddDays(1)));
        Assert.Equal(["operations"], review.LateWarnedDepartments);
    }

    [Fact]
    public async Task A_late_opinion_raises_one_warning_for_its_department_and_head_a_second_scan_none_and_one_given_in_time_none()
    {
        await using var app = new SchemeFlowApp(new Dictionary<string, string>());
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "metering", approve: true, comments: "同意"));
        var scanner = app.Services.GetRequiredService<LateOpinionScanner>();

        Assert.Equal(0, await scanner.ScanOnceAsync());
        app.Clock.SetUtcNow(Due.AddMinutes(30));
        await scanner.ScanOnceAsync(); // the periodic scan may have raised them on the clock's jump: either is fine

        var late = new[] { "operations", "dispatch", "marketing" };
        foreach (var key in late)
        {
            await app.PublishedAsync<SchemeReviewOpinionOverdue>(e => e.ReviewId == review.Id && e.ReviewKey == key);
        }
        Assert.Equal(0, await scanner.ScanOnceAsync());
        var warnings = app.Published<SchemeReviewOpinionOverdue>(e => e.ReviewId == review.Id);
        Assert.Equal(late.Order(), warnings.Select(w => w.ReviewKey).Order());
        var operations = warnings.Single(w => w.ReviewKey == "operations");
        Assert.Equal((Department.Inspection, "head-inspection", Due, round.Id, 1),
            (operations.ReviewerDepartment, operations.DepartmentHead, operations.DueAt, operations.SchemeReplyWorkItemId, operations.Revision));
        Assert.Equal(Department.SupplyScheme, warnings.Single(w => w.ReviewKey == "dispatch").ReviewerDepartment);
        Assert.Equal(Department.Acceptance, warnings.Single(w => w.ReviewKey == "marketing").ReviewerDepartment);

        // An opinion given late still counts; the warning stays the one already raised.
        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "operations", approve: true, comments: "同意"));
        Assert.Equal(0, await scanner.ScanOnceAsync());
        Assert.Equal(3, app.Published<SchemeReviewOpinionOverdue>(e => e.ReviewId == review.Id).Count);
    }
}
