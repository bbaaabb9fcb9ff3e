extern alias acceptance;
extern alias notification;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Security.Tests.Infrastructure;

namespace YeKuo.Security.Tests;

/// <summary>
/// Over a real RabbitMQ: a customer's 客户经理 (assigned by Acceptance, heard by Notification) receives a late step's
/// 超时 notice before the department head's escalation notice, each exactly once, although the escalation is delivered
/// first and both are delivered twice under the same message id (a redelivery).
/// </summary>
public sealed class ManagerFirstOnBrokerTests(BrokerPermissionTests.ProvisionedBroker broker) : IClassFixture<BrokerPermissionTests.ProvisionedBroker>
{
    [Fact]
    public async Task A_warning_reaches_the_customer_manager_before_the_head_exactly_once_over_the_broker()
    {
        Assert.True(broker.ExitCode == 0, broker.Output);
        using var acceptanceHost = new ServiceOnBroker<acceptance::Program>("acceptance", "Staging",
            new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = broker.UriOf("acceptance") });
        using var notificationHost = new ServiceOnBroker<notification::Program>("notification", "Staging",
            new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = broker.UriOf("notification") });
        var notices = notificationHost.ClientAs("ops", "admin");
        await Waiting.UntilAsync(async () => (await acceptanceHost.CreateClient().GetAsync("/health")).IsSuccessStatusCode
            && (await notificationHost.CreateClient().GetAsync("/health")).IsSuccessStatusCode, "both services healthy on the broker");

        // 受理: the customer's manager is assigned and published with ApplicationAccepted.
        using var submitted = await acceptanceHost.ClientAs("cust-broker-cm", "customer").PostAsJsonAsync("/api/applications", IsolationTests.Application(null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var application = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = application.GetProperty("id").GetGuid();
        var number = application.GetProperty("number").GetString()!;
        var staff = acceptanceHost.ClientAs("staff-acceptance", "staff", "Acceptance");
        var item = (await staff.GetFromJsonAsync<JsonElement[]>($"/api/applications/work-items?applicationId={id}"))!.Single();
        using (var accepted = await staff.PostAsJsonAsync($"/api/applications/work-items/{item.GetProperty("id").GetGuid()}/complete",
                   new { documentsComplete = true, remarks = "资料齐全" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        var manager = (await staff.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("customerManager").GetString()!;
        await Waiting.UntilAsync(async () => (await notices.GetFromJsonAsync<JsonElement[]>($"/api/notifications?applicationId={id}"))!
            .Any(n => n.GetProperty("body").GetString()!.Contains(manager)), "Notification heard the 客户经理");

        // A late 现场勘查: the escalation first, then the overdue warning; each published twice with one message id.
        var workItem = Guid.NewGuid();
        var due = DateTimeOffset.UtcNow.AddHours(-2);
        var escalation = new WorkItemEscalated(workItem, id, number, Step.SiteSurvey, Department.SupplyScheme, "staff-supplyscheme",
            "head-supplyscheme", due, DateTimeOffset.UtcNow);
        var overdue = new DeadlineWarningRaised(workItem, id, number, Step.SiteSurvey, Department.SupplyScheme, "staff-supplyscheme",
            DeadlineLevel.Overdue, due, due);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host("127.0.0.1", (ushort)broker.Node.Port, "yekuo", host =>
            {
                host.Username("operator");
                host.Password(broker.PasswordOf("operator"));
            });
        });
        await bus.StartAsync();
        try
        {
            var escalationId = NewId.NextGuid();
            var warningId = NewId.NextGuid();
            await bus.Publish(escalation, c => c.MessageId = escalationId);
            await bus.Publish(escalation, c => c.MessageId = escalationId);
            await Waiting.UntilAsync(async () => (await StaffNotices.ForAsync(notices, "head-supplyscheme", workItem)).Length > 0, "the head's escalation notice");
            await bus.Publish(overdue, c => c.MessageId = warningId);
            await bus.Publish(overdue, c => c.MessageId = warningId);
            await Waiting.UntilAsync(async () => (await StaffNotices.ForAsync(notices, "staff-supplyscheme", workItem)).Length > 0, "the 责任人's overdue notice");
            await Task.Delay(1000);
        }
        finally
        {
            await bus.StopAsync();
        }

        var managerNotice = Assert.Single(await StaffNotices.ForAsync(notices, manager, workItem));
        var headNotice = Assert.Single(await StaffNotices.ForAsync(notices, "head-supplyscheme", workItem));
        Assert.Single(await StaffNotices.ForAsync(notices, "staff-supplyscheme", workItem));
        Assert.Equal(("Overdue", "CustomerManager"), (managerNotice.GetProperty("level").GetString(), managerNotice.GetProperty("audience").GetString()));
        Assert.Equal("DepartmentHead", headNotice.GetProperty("audience").GetString());
        Assert.True(managerNotice.GetProperty("createdAt").GetDateTimeOffset() <= headNotice.GetProperty("createdAt").GetDateTimeOffset());
    }
}
