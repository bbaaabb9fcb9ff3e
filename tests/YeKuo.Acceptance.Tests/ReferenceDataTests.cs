using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using YeKuo.Acceptance.Apis;

namespace YeKuo.Acceptance.Tests;

/// <summary>The public reference data: the working-day calendar and the versioned time-limit documents.</summary>
public sealed class ReferenceDataTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    [Fact]
    public async Task Three_working_days_after_the_eve_of_national_day_2026_end_on_the_working_Saturday_10_October()
    {
        var result = await app.CreateClient().GetFromJsonAsync<CalendarApi.WorkingDaysAdded>(
            "/api/calendar/working-days/add?from=2026-09-30&days=3", AcceptanceApp.Json);

        Assert.Equal("2026-10-10", result!.Due);
        Assert.Equal("2026-09-30", result.From);
        Assert.Equal(3, result.Days);
        Assert.Empty(result.AssumedYears);
    }

    [Fact]
    public async Task A_year_without_a_published_notice_is_reported_as_assumed()
    {
        var result = await app.CreateClient().GetFromJsonAsync<CalendarApi.WorkingDaysAdded>(
            "/api/calendar/working-days/add?from=2027-01-04&days=1", AcceptanceApp.Json);

        Assert.Equal("2027-01-05", result!.Due);
        Assert.Equal([2027], result.AssumedYears);
    }

    [Fact]
    public async Task Zero_working_days_is_the_start_date_itself()
    {
        var result = await app.CreateClient().GetFromJsonAsync<CalendarApi.WorkingDaysAdded>(
            "/api/calendar/working-days/add?from=2026-02-15&days=0", AcceptanceApp.Json);

        Assert.Equal("2026-02-15", result!.Due);
    }

    [Theory]
    [InlineData("from=2026-09-30&days=-1", "days")]
    [InlineData("from=2026-09-30&days=1001", "days")]
    [InlineData("from=2026-09-30&days=three", "days")]
    [InlineData("from=2026-09-30", "days")]
    [InlineData("from=2026-13-01&days=1", "from")]
    [InlineData("from=30.09.2026&days=1", "from")]
    [InlineData("days=1", "from")]
    public async Task Invalid_working_day_queries_are_400_naming_the_parameter(string query, string field)
    {
        var response = await app.CreateClient().GetAsync($"/api/calendar/working-days/add?{query}");

        var errors = await AcceptanceApp.ValidationErrorsAsync(response);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public async Task The_2026_calendar_lists_the_spring_festival_days_off_and_the_working_Saturday_before_it()
    {
        var year = await app.CreateClient().GetFromJsonAsync<CalendarApi.CalendarYearView>("/api/calendar/2026", AcceptanceApp.Json);

        Assert.False(year!.Assumed);
        Assert.Contains("2026", year.Source);
        Assert.Contains("content_7047091", year.SourceUrl);
        var springFestival = year.DaysOff.Where(d => d.Name == "春节").Select(d => d.Date).ToArray();
        Assert.Equal(Enumerable.Range(15, 9).Select(d => $"2026-02-{d:D2}"), springFestival);
        Assert.Contains(year.ExtraWorkingDays, d => d is { Date: "2026-02-14", Name: "春节" });
        Assert.Contains(year.ExtraWorkingDays, d => d is { Date: "2026-10-10" });
    }

    [Fact]
    public async Task A_year_without_a_notice_is_shown_as_assumed_weekends_only()
    {
        var year = await app.CreateClient().GetFromJsonAsync<CalendarApi.CalendarYearView>("/api/calendar/2027", AcceptanceApp.Json);

        Assert.True(year!.Assumed);
        Assert.Empty(year.DaysOff);
        Assert.Empty(year.ExtraWorkingDays);
        Assert.Null(year.Source);
    }

    [Fact]
    public async Task An_out_of_range_calendar_year_is_400()
    {
        var response = await app.CreateClient().GetAsync("/api/calendar/3000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_time_limit_documents_are_listed_newest_first_with_HV_dual_source_scheme_reply_20_days()
    {
        var policies = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/policies/time-limits", AcceptanceApp.Json);

        var versions = policies.EnumerateArray().Select(p => p.GetProperty("version").GetString()!).ToArray();
        Assert.Equal(["YK-TL-2024", "SGCC-YK-KH"], versions);

        int? SchemeReply(JsonElement policy, string customerClass) => policy.GetProperty("classes").EnumerateArray()
            .Single(c => c.GetProperty("customerClass").GetString() == customerClass)
            .GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("step").GetString() == "SchemeReply")
            .GetProperty("limitWorkingDays").GetInt32();

        var current = policies[0];
        Assert.Equal("2024-01-01", current.GetProperty("effectiveFrom").GetString());
        Assert.Equal(20, SchemeReply(current, "HighVoltageDualSource"));
        Assert.Equal(10, SchemeReply(current, "HighVoltageSingleSource"));
        Assert.Equal(15, SchemeReply(policies[1], "HighVoltageSingleSource"));
        Assert.Equal(30, SchemeReply(policies[1], "HighVoltageDualSource"));
        Assert.Equal("2023-12-31", policies[1].GetProperty("effectiveTo").GetString());
        // Complaints and the 回访 run on limits of the same documents.
        Assert.Equal(["ComplaintHandling:5", "FollowUpVisit:5", "SchemeReviewOpinion:2"], current.GetProperty("serviceLimits").EnumerateArray()
            .Select(l => $"{l.GetProperty("task").GetString()}:{l.GetProperty("limitWorkingDays").GetInt32()}"));

        var survey = current.GetProperty("classes").EnumerateArray()
            .Single(c => c.GetProperty("customerClass").GetString() == "HighVoltageDualSource")
            .GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "SiteSurvey");
        Assert.Equal("SchemeReply", survey.GetProperty("clockOwner").GetString());
        var review = current.GetProperty("classes").EnumerateArray()
            .Single(c => c.GetProperty("customerClass").GetString() == "HighVoltageDualSource")
            .GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == "DesignReview");
        Assert.Equal("DesignSubmission", review.GetProperty("startsAfter").GetString());
        Assert.Equal("EachNode", current.GetProperty("classes").EnumerateArray()
            .Single(c => c.GetProperty("customerClass").GetString() == "HighVoltageDualSource").GetProperty("assessment").GetProperty("kind").GetString());

        var privateOrganisation = current.GetProperty("classes").EnumerateArray()
            .Single(c => c.GetProperty("customerClass").GetString() == "PrivateOrganisation");
        Assert.Equal(160m, privateOrganisation.GetProperty("zeroServiceCapacityCeilingKw").GetDecimal());
    }
}
