using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using YeKuo.Acceptance.Apis;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Acceptance.Tests;

public sealed partial class SubmitApplicationTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    // Submitted Mon 2026-03-02 10:00 China: 受理 (1 WD) is due at the end of Tue 2026-03-03 China time.
    private static readonly DateTimeOffset AcceptanceDue = new(2026, 3, 3, 16, 0, 0, TimeSpan.Zero);

    private static readonly string[] HighVoltagePlan =
    [
        "Acceptance", "SiteSurvey", "SchemeReply", "SchemeConfirmation", "DesignSubmission", "DesignReview", "IntermediateInspectionRequest",
        "IntermediateInspection", "CompletionReport", "CompletionAcceptance", "SupplyContract", "PowerConnection",
    ];

    [GeneratedRegex(@"^YK20260302\d{6}$")]
    private static partial Regex NumberOfTheDay();

    [Fact]
    public async Task A_valid_HV_application_is_created_with_a_number_of_the_China_business_day()
    {
        var response = await app.SubmitAsync(Requests.HighVoltageSingleSource(), customer: "cust-hv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var application = (await response.Content.ReadFromJsonAsync<ApplicationDetails>(AcceptanceApp.Json))!;
        Assert.Matches(NumberOfTheDay(), application.Number);
        Assert.Equal($"/api/applications/{application.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Submitted", application.Status);
        Assert.Equal("cust-hv", application.CustomerId);
        Assert.Equal("HighVoltageSingleSource", application.CustomerClass);
        Assert.Equal(HighVoltagePlan, application.Plan);
        Assert.Equal("YK-TL-2024", application.PolicyVersion);
        Assert.Null(application.CustomerManager);
        Assert.Equal("138****1234", application.ContactPhone);
    }

    [Fact]
    public async Task Numbers_of_one_day_are_distinct_and_ascending()
    {
        var first = await app.SubmitValidAsync();
        var second = await app.SubmitValidAsync();

        Assert.True(string.CompareOrdinal(second.Application.Number, first.Application.Number) > 0,
            $"{second.Application.Number} should follow {first.Application.Number}");
    }

    [Fact]
    public async Task Thirty_customers_submitting_at_the_same_moment_all_succeed_with_distinct_numbers()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => app.SubmitAsync(Requests.HighVoltageSingleSource(), $"cust-burst-{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<ApplicationDetails>(AcceptanceApp.Json))!.Number));
        Assert.Equal(30, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(NumberOfTheDay(), n));
    }

    [Fact]
    public async Task Submitting_opens_one_acceptance_work_item_due_one_working_day_later()
    {
        var (application, _) = await app.SubmitValidAsync();

        var item = Assert.Single(await app.WorkItemsAsync(application.Id, status: "open"));
        Assert.Equal("Acceptance", item.Step);
        Assert.Equal("Acceptance", item.Department);
        Assert.Equal("Open", item.Status);
        Assert.Equal(1, item.Round);
        Assert.Equal(1, item.LimitWorkingDays);
        Assert.Equal(AcceptanceDue, item.DueAt);
        Assert.Equal(application.Number, item.ApplicationNumber);
    }

    [Fact]
    public async Task Submitting_publishes_ApplicationSubmitted_and_WorkItemOpened()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        var submitted = await app.PublishedAsync<ApplicationSubmitted>(m => m.ApplicationId == application.Id);
        var opened = await app.PublishedAsync<WorkItemOpened>(m => m.ApplicationId == application.Id);

        Assert.Equal(application.Number, submitted.ApplicationNumber);
        Assert.Equal(CustomerClass.HighVoltageSingleSource, submitted.CustomerClass);
        Assert.Equal(AcceptanceApp.Monday10China, submitted.SubmittedAt);
        Assert.Equal(workItemId, opened.WorkItemId);
        Assert.Equal(Step.Acceptance, opened.Step);
        Assert.Equal(Department.Acceptance, opened.Department);
        Assert.Equal(AcceptanceDue, opened.DueAt);
        Assert.Single(app.PublishedSoFar<ApplicationSubmitted>(m => m.ApplicationId == application.Id));
    }

    [Fact]
    public async Task The_submitted_application_shows_its_acceptance_step_on_the_timeline()
    {
        var (application, workItemId) = await app.SubmitValidAsync();

        ApplicationDetails details = application;
        await AcceptanceApp.WaitUntilAsync(async () => (details = await app.ApplicationAsync(application.Id)).Timeline.Count > 0,
            "The 受理 step never reached the timeline");

        var step = Assert.Single(details.Timeline);
        Assert.Equal("Acceptance", step.Step);
        Assert.Equal("受理", step.StepName);
        Assert.Equal(AcceptanceDue, step.DueAt);
        Assert.Equal(AcceptanceApp.Monday10China, step.StartedAt);
        Assert.Null(step.CompletedAt);
        Assert.Null(step.OnTime);
        Assert.NotEqual(Guid.Empty, workItemId);
    }

    [Fact]
    public async Task A_residential_application_with_a_valid_ID_number_gets_the_zero_service_plan()
    {
        var (application, _) = await app.SubmitValidAsync(Requests.Residential());

        Assert.Equal(["Acceptance", "SiteSurvey", "PowerConnection"], application.Plan);
    }

    [Fact]
    public async Task A_private_organisation_at_the_160_kW_ceiling_is_accepted()
    {
        var response = await app.SubmitAsync(Requests.PrivateOrganisation(160m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, Dictionary<string, object?>> InvalidRequests => new()
    {
        { "identityNumber", Requests.With(Requests.HighVoltageSingleSource(), ("identityNumber", Requests.WithWrongCheck(Requests.CreditCode))) },
        { "identityNumber", Requests.With(Requests.HighVoltageSingleSource(), ("identityNumber", "91632200MA752ABC1")) },
        { "identityNumber", Requests.With(Requests.Residential(), ("identityNumber", Requests.WithWrongCheck(Requests.ResidentId("63010219850615123")))) },
        { "identityNumber", Requests.With(Requests.Residential(), ("identityNumber", Requests.ResidentId("63010219851315123"))) },
        { "contactPhone", Requests.With(Requests.HighVoltageSingleSource(), ("contactPhone", "12345678901")) },
        { "contactPhone", Requests.With(Requests.HighVoltageSingleSource(), ("contactPhone", "1389700123")) },
        { "contactPhone", Requests.With(Requests.HighVoltageSingleSource(), ("contactPhone", null)) },
        { "voltageKv", Requests.With(Requests.HighVoltageSingleSource(), ("voltageKv", 0.4m)) },
        { "voltageKv", Requests.With(Requests.Residential(), ("voltageKv", 10m)) },
        { "sourceCount", Requests.With(Requests.HighVoltageDualSource(), ("sourceCount", 1)) },
        { "sourceCount", Requests.With(Requests.HighVoltageSingleSource(), ("sourceCount", 2)) },
        { "capacityKva", Requests.PrivateOrganisation(160.5m) },
        { "capacityKva", Requests.PrivateOrganisation(200m) },
        { "capacityKva", Requests.With(Requests.HighVoltageSingleSource(), ("capacityKva", 0m)) },
        { "customerClass", Requests.With(Requests.HighVoltageSingleSource(), ("customerClass", "Factory")) },
        { "customerName", Requests.With(Requests.HighVoltageSingleSource(), ("customerName", "  ")) },
        { "address", Requests.With(Requests.HighVoltageSingleSource(), ("address", null)) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_application_is_answered_400_naming_the_field_and_creates_nothing(string field, Dictionary<string, object?> request)
    {
        var customer = $"cust-{Guid.NewGuid():N}";

        var response = await app.SubmitAsync(request, customer);

        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Contains(field, errors.Keys);
        Assert.All(errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
        var mine = await app.CreateClient().GetFromJsonAsync<ApplicationSummary[]>($"/api/applications?customerId={customer}", AcceptanceApp.Json);
        Assert.Empty(mine!);
    }

    [Fact]
    public async Task A_dual_source_application_with_one_source_names_only_the_source_count()
    {
        var response = await app.SubmitAsync(Requests.With(Requests.HighVoltageDualSource(), ("sourceCount", 1)));

        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Equal(["sourceCount"], errors.Keys);
    }

    [Theory]
    [InlineData("""{"customerName": "x", "capacityKva": "lots"}""")]
    [InlineData("""{"customerName": "x", "sourceCount": 1.5}""")]
    [InlineData("""{"customerName": """)]
    [InlineData("""not json at all""")]
    public async Task Malformed_JSON_is_answered_400_problem_details_never_500(string body)
    {
        var response = await app.ClientAs("cust-1").PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(AcceptanceApp.Json);
        Assert.Equal(400, problem!.Status);
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_named_in_the_400_answer()
    {
        var response = await app.ClientAs("cust-1").PostAsync("/api/applications",
            new StringContent("""{"customerName": "x", "capacityKva": "lots"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("capacityKva", await response.Content.ReadAsStringAsync());
    }
}
