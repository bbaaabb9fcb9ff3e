using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Flow.Tests.Support;
using YeKuo.Tests.Support;

namespace YeKuo.SupplyScheme.Flow.Tests;

/// <summary>
/// Named reviewers: each reviewing department's opinion is given by that department's own staff (role and department
/// from the token, the person from the staff directory), within its own review limit from the time-limit policy data.
/// </summary>
public sealed class NamedReviewerTests(SchemeFlowApp app) : IClassFixture<SchemeFlowApp>
{
    private HttpClient As(string subject, string role, string department)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.Create(subject, role, department));
        return client;
    }

    [Fact]
    public async Task An_opinion_from_anyone_but_staff_of_the_reviewing_department_is_a_403_problem_and_changes_nothing()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());
        var path = $"/api/supply-scheme/reviews/{review.Id}/opinions";
        var body = new { department = "operations", approve = true, comments = "同意" };

        // The drafter's own department (SupplyScheme) may not speak for 运检; nor may 运检's token for someone the
        // directory does not list there, nor another department's reviewer.
        foreach (var client in new[]
                 {
                     As(SchemeApplication.Drafter, "staff", "SupplyScheme"),
                     As("head-supplyscheme", "head", "SupplyScheme"),
                     As("stranger-inspection", "staff", "Inspection"),
                     As("reviewer-metering", "staff", "Metering"),
                     As("reviewer-operations", "staff", "Metering"),
                 })
        {
            using var refused = await client.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var unchanged = await app.GetAsync<SchemeReviewDto>($"/api/supply-scheme/reviews/{review.Id}");
        Assert.Empty(unchanged.Opinions);

        using var given = await As("reviewer-operations", "staff", "Inspection").PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var opinion = Assert.Single((await given.Content.ReadFromJsonAsync<SchemeReviewDto>(SchemeFlowApp.Json))!.Opinions);
        Assert.Equal(("operations", "reviewer-operations"), (opinion.Department, opinion.Reviewer));
    }

    [Fact]
    public async Task A_reviewer_sees_their_departments_pending_opinions_with_the_review_limit_from_the_policy_data()
    {
        var application = new SchemeApplication(app, CustomerClass.LowVoltageNonResidential);
        var round = await application.OpenSchemeReplyAsync();
        var review = await application.SubmitDraftAsync(round.Id, application.Scheme());

        var mine = await As("reviewer-metering", "staff", "Metering").GetFromJsonAsync<ReviewerWorklistDto>("/api/supply-scheme/reviews/mine", SchemeFlowApp.Json);

        Assert.Equal(["metering"], mine!.Departments);
        var pending = Assert.Single(mine.Pending, r => r.Id == review.Id);
        // SchemeReviewOpinion: 2 working days (YK-TL-2024 serviceLimits); drafted Mon 2026-03-02 → due end of Wed 03-04.
        Assert.Equal(2, pending.OpinionLimitWorkingDays);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8)), pending.OpinionDueAt);

        await SchemeFlowApp.ExpectAsync(HttpStatusCode.OK, application.OpinionAsync(review.Id, "metering", approve: true, comments: "同意"));
        var after = await As("reviewer-metering", "staff", "Metering").GetFromJsonAsync<ReviewerWorklistDto>("/api/supply-scheme/reviews/mine", SchemeFlowApp.Json);
        Assert.DoesNotContain(after!.Pending, r => r.Id == review.Id);
        var supplyScheme = await As("staff-supplyscheme", "staff", "SupplyScheme").GetFromJsonAsync<ReviewerWorklistDto>("/api/supply-scheme/reviews/mine", SchemeFlowApp.Json);
        Assert.Equal(["dispatch"], supplyScheme!.Departments); // 调度 sits in SupplyScheme
    }
}
