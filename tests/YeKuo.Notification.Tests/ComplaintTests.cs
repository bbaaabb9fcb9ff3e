using System.Net;
using System.Net.Http.Json;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Apis;

namespace YeKuo.Notification.Tests;

/// <summary>Complaints (投诉) against applications this service knows, published as ComplaintRecorded without their text.</summary>
public sealed class ComplaintTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    private const string Text = "供电公司指定了施工单位，报价明显偏高";

    [Fact]
    public async Task A_complaint_is_recorded_and_published_as_ComplaintRecorded_without_its_text()
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/notifications/complaints",
            new { applicationId = application.ApplicationId, category = "designatedContractor", text = Text });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var complaint = await response.Content.ReadFromJsonAsync<ComplaintDto>();
        Assert.Equal("DesignatedContractor", complaint!.Category);
        Assert.Equal(Text, complaint.Text);
        Assert.Equal(application.ApplicationNumber, complaint.ApplicationNumber);
        Assert.Equal(application.CustomerId, complaint.CustomerId);
        Assert.Equal($"/api/notifications/complaints/{complaint.Id}", response.Headers.Location?.OriginalString);

        var listed = await client.GetFromJsonAsync<ComplaintDto[]>($"/api/notifications/complaints?applicationId={application.ApplicationId}");
        Assert.Equal(complaint, Assert.Single(listed!));

        var published = await app.PublishedAsync<ComplaintRecorded>(e => e.ApplicationId == application.ApplicationId);
        Assert.Equal(new ComplaintRecorded(application.ApplicationId, application.ApplicationNumber, "DesignatedContractor", complaint.RecordedAt,
            complaint.Id, "Notification"), published);
        var body = Assert.Single(await app.OutboxBodiesAsync<ComplaintRecorded>(application.ApplicationId));
        Assert.DoesNotContain("施工单位", body);
        Assert.DoesNotContain(application.CustomerId, body);
    }

    [Fact]
    public async Task An_application_known_only_from_a_deadline_warning_can_be_complained_about()
    {
        var application = new Events();
        await app.PublishAsync(application.Warning(Guid.NewGuid(), DeadlineLevel.Overdue, "staff-x"));

        var response = await app.CreateClient().PostAsJsonAsync("/api/notifications/complaints",
            new { applicationId = application.ApplicationId, category = "Timeliness", text = "方案答复超期" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var complaint = await response.Content.ReadFromJsonAsync<ComplaintDto>();
        Assert.Equal(application.ApplicationNumber, complaint!.ApplicationNumber);
        Assert.Null(complaint.CustomerId);
    }

    [Fact]
    public async Task A_complaint_about_an_application_never_seen_is_not_found_and_publishes_nothing()
    {
        var unknown = Guid.NewGuid();

        var response = await app.CreateClient().PostAsJsonAsync("/api/notifications/complaints",
            new { applicationId = unknown, category = "ServiceAttitude", text = "态度不好" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await app.OutboxBodiesAsync<ComplaintRecorded>(unknown));
    }

    public static TheoryData<object, string[]> InvalidComplaints => new()
    {
        { new { category = "Charges", text = "收费不合理" }, ["applicationId"] },
        { new { applicationId = Guid.Empty, category = "Charges", text = "收费不合理" }, ["applicationId"] },
        { new { applicationId = Guid.NewGuid(), category = "Rudeness", text = "x" }, ["category"] },
        { new { applicationId = Guid.NewGuid(), category = "2", text = "x" }, ["category"] },
        { new { applicationId = Guid.NewGuid(), category = "Other", text = "  " }, ["text"] },
        { new { applicationId = Guid.NewGuid(), category = "Other", text = new string('长', 2001) }, ["text"] },
        { new { applicationId = Guid.NewGuid(), category = "Other", step = "Billing", text = "x" }, ["step"] },
        { new { }, ["applicationId", "category", "text"] },
    };

    [Theory]
    [MemberData(nameof(InvalidComplaints))]
    public async Task An_incomplete_complaint_is_a_bad_request_with_field_errors(object complaint, string[] fields)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/notifications/complaints", complaint);

        Assert.Equal(fields, await NotificationApp.FieldErrorsAsync(response));
    }

    [Fact]
    public async Task Listing_complaints_needs_an_application()
    {
        var response = await app.CreateClient().GetAsync("/api/notifications/complaints");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
