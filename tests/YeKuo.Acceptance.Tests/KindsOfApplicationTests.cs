using System.Net;
using System.Net.Http.Json;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.TemporarySupply;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using Microsoft.Extensions.DependencyInjection;

namespace YeKuo.Acceptance.Tests;

/// <summary>新装, 增容, 变更用电 and 临时用电: what each needs, the steps its policy gives it, and a temporary supply's end.</summary>
public sealed class KindsOfApplicationTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    private static Dictionary<string, object?> Kind(string kind, params (string Field, object? Value)[] fields) =>
        Requests.With(Requests.HighVoltageSingleSource(), [("kind", kind), .. fields]);

    private static readonly string TwoMonthsAhead = new DateOnly(2026, 5, 2).ToString("yyyy-MM-dd");

    [Fact]
    public async Task An_application_without_a_kind_is_a_new_connection()
    {
        var (application, _) = await app.SubmitValidAsync();

        Assert.Equal(("NewConnection", "新装"), (application.Kind.Kind, application.Kind.KindName));
        Assert.Null(application.Kind.AccountNumber);
    }

    [Fact]
    public async Task A_capacity_increase_keeps_the_account_and_its_current_capacity_and_asks_for_the_increase()
    {
        var (application, _) = await app.SubmitValidAsync(Kind("CapacityIncrease", ("accountNumber", "3301234567"), ("currentCapacityKva", 630m), ("capacityKva", 500m)));

        Assert.Equal(("CapacityIncrease", "3301234567", 630m), (application.Kind.Kind, application.Kind.AccountNumber, application.Kind.CurrentCapacityKva!.Value));
        Assert.Equal(500m, application.CapacityKva);
        Assert.Contains("DesignReview", application.Plan);
        var submitted = await app.PublishedAsync<ApplicationSubmitted>(e => e.ApplicationId == application.Id);
        Assert.Equal(ApplicationKind.CapacityIncrease, submitted.Kind);
    }

    [Fact]
    public async Task A_change_of_use_names_what_changes_and_skips_the_design_and_the_intermediate_inspection()
    {
        var (application, _) = await app.SubmitValidAsync(Kind("ChangeOfUse", ("accountNumber", "3301234567890"),
            ("changes", new[] { "CapacityReduction", "TariffClass" }), ("changeDescription", "二号变压器减容并改为一般工商业")));

        Assert.Equal(["CapacityReduction", "TariffClass"], application.Kind.Changes);
        Assert.Equal("二号变压器减容并改为一般工商业", application.Kind.ChangeDescription);
        Assert.DoesNotContain("DesignSubmission", application.Plan);
        Assert.DoesNotContain("IntermediateInspection", application.Plan);
        Assert.Equal(["CompletionReport", "CompletionAcceptance"], application.Plan.SkipWhile(s => s != "CompletionReport").Take(2));
    }

    [Fact]
    public async Task A_temporary_supply_has_an_end_date_and_the_plan_its_kind_gives()
    {
        var (application, _) = await app.SubmitValidAsync(Kind("TemporarySupply", ("temporaryUntil", TwoMonthsAhead)));

        Assert.Equal(new DateOnly(2026, 5, 2), application.Kind.TemporaryUntil);
        Assert.Equal(8, application.Plan.Count);
    }

    public static TheoryData<string, Dictionary<string, object?>> InvalidKinds => new()
    {
        { "kind", Kind("Demolition") },
        { "kind", Kind("1") },
        { "accountNumber", Kind("CapacityIncrease", ("currentCapacityKva", 630m)) },
        { "accountNumber", Kind("CapacityIncrease", ("accountNumber", "33-0123"), ("currentCapacityKva", 630m)) },
        { "currentCapacityKva", Kind("CapacityIncrease", ("accountNumber", "3301234567")) },
        { "accountNumber", Kind("ChangeOfUse", ("changes", new[] { "Suspension" })) },
        { "changes", Kind("ChangeOfUse", ("accountNumber", "3301234567")) },
        { "changes", Kind("ChangeOfUse", ("accountNumber", "3301234567"), ("changes", new[] { "Painting" })) },
        { "temporaryUntil", Kind("TemporarySupply") },
        { "temporaryUntil", Kind("TemporarySupply", ("temporaryUntil", "2026-03-02")) },
        { "temporaryUntil", Kind("TemporarySupply", ("temporaryUntil", "2029-03-03")) },
        { "accountNumber", Kind("NewConnection", ("accountNumber", "3301234567")) },
        { "temporaryUntil", Kind("NewConnection", ("temporaryUntil", TwoMonthsAhead)) },
        { "changes", Kind("CapacityIncrease", ("accountNumber", "3301234567"), ("currentCapacityKva", 630m), ("changes", new[] { "Suspension" })) },
    };

    [Theory]
    [MemberData(nameof(InvalidKinds))]
    public async Task What_a_kind_needs_is_answered_as_a_field_error(string field, Dictionary<string, object?> request)
    {
        var response = await app.SubmitAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public async Task A_zero_service_capacity_increase_over_the_ceiling_after_the_increase_is_a_capacity_error()
    {
        var response = await app.SubmitAsync(Requests.With(Requests.PrivateOrganisation(60m),
            ("kind", "CapacityIncrease"), ("accountNumber", "3301234567"), ("currentCapacityKva", 120m)));

        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Contains("capacityKva", errors.Keys);
    }

    [Fact]
    public async Task An_application_received_while_the_older_rule_was_in_force_keeps_it()
    {
        var now = app.Clock.GetUtcNow();
        app.Clock.AdjustTime(new DateTimeOffset(2023, 6, 1, 2, 0, 0, TimeSpan.Zero));
        try
        {
            var (application, _) = await app.SubmitValidAsync();

            Assert.Equal("SGCC-YK-KH", application.PolicyVersion);
            Assert.Contains("DesignSubmission", application.Plan);
        }
        finally
        {
            app.Clock.AdjustTime(now);
        }
    }

    [Fact]
    public async Task A_connected_temporary_supply_is_reminded_once_ten_working_days_before_its_end_and_its_end_is_decided_once()
    {
        var (application, workItem) = await app.SubmitValidAsync(Kind("TemporarySupply", ("temporaryUntil", TwoMonthsAhead)));
        await AcceptanceApp.ExpectAsync(HttpStatusCode.OK, app.CompleteAsync(workItem, new { documentsComplete = true }, user: "clerk-wu"));
        await app.PublishAsync(new PowerConnected(application.Id, application.Number, application.CustomerId, "3300123456", app.Clock.GetUtcNow()));
        var reminders = app.Services.GetRequiredService<TemporarySupplyReminders>();
        var now = app.Clock.GetUtcNow();
        try
        {
            // Six weeks before the end: nothing yet. Ten working days before it (Fri 2026-04-17): the reminder, once.
            Assert.Equal(0, await reminders.ScanAsync(CancellationToken.None));
            app.Clock.AdjustTime(new DateTimeOffset(2026, 4, 17, 2, 0, 0, TimeSpan.Zero));
            Assert.Equal(1, await reminders.ScanAsync(CancellationToken.None));
            Assert.Equal(0, await reminders.ScanAsync(CancellationToken.None));
            var reminded = await app.PublishedAsync<TemporarySupplyEndingSoon>(e => e.ApplicationId == application.Id);
            Assert.Equal(new DateOnly(2026, 5, 2), reminded.EndsOn);

            var decided = await app.PostAsync($"/api/applications/{application.Id}/temporary-supply/ending", new { ending = "Convert" }, application.CustomerId);
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            var details = (await decided.Content.ReadFromJsonAsync<ApplicationDetails>(AcceptanceApp.Json))!;
            Assert.Equal("Convert", details.Kind.TemporaryEnding);
            var ended = await app.PublishedAsync<TemporarySupplyEnded>(e => e.ApplicationId == application.Id);
            Assert.Equal(TemporarySupplyEnding.Convert, ended.Ending);

            var again = await app.PostAsync($"/api/applications/{application.Id}/temporary-supply/ending", new { ending = "Remove" }, application.CustomerId);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var unknown = await app.PostAsync($"/api/applications/{application.Id}/temporary-supply/ending", new { ending = "Extend" }, application.CustomerId);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }
        finally
        {
            app.Clock.AdjustTime(now);
        }
    }

    [Fact]
    public async Task Only_a_connected_temporary_supply_ends_by_removal_or_conversion()
    {
        var (application, _) = await app.SubmitValidAsync();

        var response = await app.PostAsync($"/api/applications/{application.Id}/temporary-supply/ending", new { ending = "Remove" }, application.CustomerId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
