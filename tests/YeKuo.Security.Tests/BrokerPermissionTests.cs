extern alias acceptance;
extern alias supplyscheme;
extern alias inspection;
extern alias metering;
extern alias notification;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Security.Tests.Infrastructure;
using YeKuo.Testing;

namespace YeKuo.Security.Tests;

/// <summary>
/// The production broker setup of eng/rabbitmq/provision-broker.sh on a private node: no guest, one user per service
/// that publishes only the events it owns and touches only its own queues, and every service running under its own
/// user in a non-Development environment with a handoff crossing users.
/// </summary>
public sealed class BrokerPermissionTests(BrokerPermissionTests.ProvisionedBroker broker) : IClassFixture<BrokerPermissionTests.ProvisionedBroker>
{
    public static readonly string[] Services = ["acceptance", "supplyscheme", "inspection", "metering", "notification"];

    /// <summary>A private node provisioned by the script, with a password per user in a secrets folder.</summary>
    public sealed class ProvisionedBroker : IDisposable
    {
        private readonly string _secrets = Directory.CreateTempSubdirectory("yekuo-secrets-").FullName;

        public ProvisionedBroker()
        {
            Node = new PrivateRabbitMq();
            foreach (var user in Services.Append("operator"))
            {
                File.WriteAllText(Path.Combine(_secrets, $"rabbitmq-{user}-password"), Convert.ToHexString(Guid.NewGuid().ToByteArray()));
            }
            var script = Path.Combine(YeKuo.Testing.RepositoryRoot.Find(), "eng", "rabbitmq", "provision-broker.sh");
            (ExitCode, Output) = Node.Run(script, "--secrets", _secrets, "--ctl", "/usr/lib/rabbitmq/bin/rabbitmqctl", "--node", Node.Node);
        }

        public PrivateRabbitMq Node { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public string PasswordOf(string user) => File.ReadAllText(Path.Combine(_secrets, $"rabbitmq-{user}-password"));

        public string UriOf(string user) => $"amqp://{user}:{PasswordOf(user)}@127.0.0.1:{Node.Port}/yekuo";

        public async Task<IConnection> ConnectAsync(string user) =>
            await new ConnectionFactory { Uri = new Uri(UriOf(user)), ClientProvidedName = $"test-{user}" }.CreateConnectionAsync();

        public void Dispose()
        {
            Node.Dispose();
            Directory.Delete(_secrets, recursive: true);
        }
    }

    private async Task<bool> MayPublishAsync(string user, string exchange)
    {
        await using (var owner = await broker.ConnectAsync("operator"))
        await using (var declare = await owner.CreateChannelAsync())
        {
            // As MassTransit declares an event's exchange (fanout, durable), so the check is about permission only.
            if (exchange.Length > 0)
            {
                await declare.ExchangeDeclareAsync(exchange, exchange == "yekuo.events" ? ExchangeType.Topic : ExchangeType.Fanout, durable: true, autoDelete: false);
            }
        }
        await using var connection = await broker.ConnectAsync(user);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        try
        {
            await channel.BasicPublishAsync(exchange, exchange.Length == 0 ? "supplyscheme-step-completed" : "forged", mandatory: false, new BasicProperties(), Encoding.UTF8.GetBytes("{}"));
            return true;
        }
        catch (Exception) when (channel.CloseReason?.ReplyCode == 403)
        {
            return false;
        }
    }

    private async Task<ushort> ReplyCodeOfAsync(string user, Func<IChannel, Task> act)
    {
        await using var connection = await broker.ConnectAsync(user);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await act(channel);
            return 200;
        }
        catch (OperationInterruptedException e)
        {
            return e.ShutdownReason?.ReplyCode ?? 0;
        }
    }

    [Fact]
    public async Task The_default_guest_account_is_gone()
    {
        Assert.True(broker.ExitCode == 0, broker.Output);

        var guest = new ConnectionFactory { HostName = "127.0.0.1", Port = broker.Node.Port, UserName = "guest", Password = "guest" };
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => guest.CreateConnectionAsync());
    }

    [Fact]
    public void Every_event_contract_has_a_publisher_in_the_provisioning_script()
    {
        Assert.True(broker.ExitCode == 0, broker.Output);
        var published = broker.Output.Split('\n')
            .Where(line => line.Contains(" may publish ", StringComparison.Ordinal))
            .SelectMany(line => line[(line.IndexOf(" may publish ", StringComparison.Ordinal) + " may publish ".Length)..].Split(", "))
            .ToHashSet();

        var unpublished = Messages.All.Where(t => t.Namespace == typeof(StepCompleted).Namespace).Select(t => t.Name).Except(published).ToList();

        Assert.True(unpublished.Count == 0, $"No service may publish: {string.Join(", ", unpublished)}");
    }

    /// <summary>The exchange MassTransit publishes <typeparamref name="T"/> to (its entity name: namespace and type).</summary>
    private static string Exchange<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    public static TheoryData<string, string, bool> PublishMatrix => new()
    {
        // 通知 has no step of its own: a forged handoff or 已接电 in another department's name is refused outright.
        { "notification", Exchange<StepCompleted>(), false },
        { "notification", Exchange<ApplicationSubmitted>(), false },
        { "notification", Exchange<PowerConnected>(), false },
        { "notification", Exchange<WorkItemOpened>(), false },
        { "notification", Exchange<ComplaintRecorded>(), true },
        // A department publishes step completions (its own steps) but not another department's decisions.
        { "inspection", Exchange<StepCompleted>(), true },
        { "inspection", Exchange<ApplicationAccepted>(), false },
        { "inspection", Exchange<SchemeReviewCompleted>(), false },
        { "inspection", Exchange<PowerConnected>(), false },
        { "metering", Exchange<PowerConnected>(), true },
        { "metering", Exchange<ApplicationWithdrawn>(), false },
        { "supplyscheme", Exchange<SchemeMeetingDecided>(), true },
        { "supplyscheme", Exchange<ComplaintRecorded>(), false },
        { "acceptance", Exchange<ApplicationAccepted>(), true },
        { "acceptance", Exchange<SatisfactionRated>(), false },
        { "notification", "yekuo.events", true },
        // Straight into another service's queue (the default exchange routes by queue name) or its endpoint exchange.
        { "inspection", "", false },
        { "inspection", "supplyscheme-step-completed", false },
        { "metering", "amq.fanout", false },
    };

    [Theory]
    [MemberData(nameof(PublishMatrix))]
    public async Task A_service_user_publishes_only_the_events_its_service_owns(string user, string exchange, bool allowed)
    {
        Assert.True(broker.ExitCode == 0, broker.Output);

        Assert.Equal(allowed, await MayPublishAsync(user, exchange));
    }

    [Fact]
    public async Task A_service_user_touches_no_other_services_queues()
    {
        Assert.True(broker.ExitCode == 0, broker.Output);
        const string queue = "notification-application-submitted-probe";
        Assert.Equal(200, await ReplyCodeOfAsync("notification", c => c.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false)));

        Assert.Equal(403, await ReplyCodeOfAsync("inspection", c => c.QueueDeclareAsync("notification-forged", durable: true, exclusive: false, autoDelete: false)));
        Assert.Equal(403, await ReplyCodeOfAsync("inspection", c => c.BasicGetAsync(queue, autoAck: true)));
        Assert.Equal(403, await ReplyCodeOfAsync("inspection", c => c.QueuePurgeAsync(queue)));
        Assert.Equal(403, await ReplyCodeOfAsync("metering", c => c.QueueBindAsync(queue, Exchange<StepCompleted>(), "")));
        Assert.Equal(403, await ReplyCodeOfAsync("acceptance", c => c.QueueDeleteAsync(queue)));
    }

    [Fact]
    public async Task Every_service_runs_under_its_own_user_outside_Development_and_a_handoff_crosses_users()
    {
        Assert.True(broker.ExitCode == 0, broker.Output);
        var settings = Services.ToDictionary(s => s, s => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = broker.UriOf(s),
        });
        using var acceptanceHost = new ServiceOnBroker<acceptance::Program>("acceptance", "Staging", settings["acceptance"]);
        using var supplySchemeHost = new ServiceOnBroker<supplyscheme::Program>("supplyscheme", "Staging", settings["supplyscheme"]);
        using var inspectionHost = new ServiceOnBroker<inspection::Program>("inspection", "Staging", settings["inspection"]);
        using var meteringHost = new ServiceOnBroker<metering::Program>("metering", "Staging", settings["metering"]);
        using var notificationHost = new ServiceOnBroker<notification::Program>("notification", "Staging", settings["notification"]);
        var admins = new (string Service, HttpClient Client)[]
        {
            ("acceptance", acceptanceHost.ClientAs("ops", "admin")), ("supplyscheme", supplySchemeHost.ClientAs("ops", "admin")),
            ("inspection", inspectionHost.ClientAs("ops", "admin")), ("metering", meteringHost.ClientAs("ops", "admin")),
            ("notification", notificationHost.ClientAs("ops", "admin")),
        };

        // Each bus is up under its own user: every endpoint (queues, bindings, its own bus queue) was declared.
        foreach (var (service, client) in admins)
        {
            var last = "";
            await Waiting.UntilAsync(async () =>
            {
                using var health = await client.GetAsync("/health");
                last = await health.Content.ReadAsStringAsync();
                var report = JsonDocument.Parse(last).RootElement;
                return report.TryGetProperty("checks", out var checks) && checks.GetProperty("broker").GetProperty("status").GetString() == "Healthy";
            }, () => $"{service}'s bus on the broker as its own user (last /health: {last}; refusals on the broker: {broker.Node.Refusals()})");
        }

        // 受理 publishes as acceptance; notification (its own user) tells the customer; 供电方案 opens the site survey.
        using var submitted = await acceptanceHost.ClientAs("customer-broker", "customer").PostAsJsonAsync("/api/applications", IsolationTests.Application(null));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Waiting.UntilAsync(async () => (await admins[4].Client.GetFromJsonAsync<JsonElement[]>($"/api/notifications?applicationId={id}"))!.Length > 0,
            "notification's notice of the submission");
        var staff = acceptanceHost.ClientAs("staff-acceptance", "staff", "Acceptance");
        var item = (await staff.GetFromJsonAsync<JsonElement[]>($"/api/applications/work-items?applicationId={id}"))!.Single();
        using (var accepted = await staff.PostAsJsonAsync($"/api/applications/work-items/{item.GetProperty("id").GetGuid()}/complete",
            new { documentsComplete = true, remarks = "资料齐全" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        await Waiting.UntilAsync(async () => (await admins[1].Client.GetFromJsonAsync<JsonElement[]>($"/api/supply-scheme/work-items?applicationId={id}"))!
            .Any(w => w.GetProperty("step").GetString() == "SiteSurvey"), "供电方案's site survey, opened by acceptance's handoff");
    }
}
