using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using YeKuo.Workflow.Hosting.Apis;

namespace YeKuo.Tests.Support;

/// <summary>
/// A department service with a worklist in-process (shared by the Acceptance, SupplyScheme, Inspection and Metering
/// component tests): the shared <see cref="ServiceHost{TProgram}"/> with a fake clock, plus worklist helpers.
/// </summary>
public abstract class ServiceApp<TProgram> : ServiceHost<TProgram> where TProgram : class
{
    /// <summary>Mon 2026-03-02 10:00 in China: a plain working day, far from holidays.</summary>
    public static readonly DateTimeOffset Monday10China = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected ServiceApp(string connectionName, string workItemsPrefix)
        : base(connectionName, DepartmentOf(connectionName), Monday10China)
    {
        WorkItemsPrefix = workItemsPrefix;
    }

    /// <summary>e.g. /api/inspection: the worklist lives at {prefix}/work-items.</summary>
    public string WorkItemsPrefix { get; }

    /// <summary>The department whose service this is (the role of test identities not named otherwise, see <see cref="TestIdentities.IdentityOf"/>).</summary>
    private static string DepartmentOf(string connectionName) => connectionName switch
    {
        "acceptancedb" => "Acceptance",
        "supplyschemedb" => "SupplyScheme",
        "inspectiondb" => "Inspection",
        "meteringdb" => "Metering",
        _ => "Notification",
    };

    /// <summary>Waits until a matching <typeparamref name="T"/> was published and this service's consumers have handled it.</summary>
    public Task<T> PublishedAndConsumedAsync<T>(Func<T, bool> filter) where T : class => PublishedAsync(filter, consumed: true);

    /// <summary>
    /// Delivers a handoff as the broker and a crash can: once, again under the same message id (a redelivery), and as a
    /// copy under a new id (an event republished after a crash before its outbox row was stamped sent).
    /// </summary>
    public async Task PublishRedeliveredAndCopiedAsync(YeKuo.Contracts.Events.StepCompleted handoff)
    {
        var messageId = Guid.NewGuid();
        await PublishAsync(handoff, messageId);
        await PublishAsync(handoff, messageId);
        await PublishAsync(handoff with { });
    }

    public async Task<WorkItemDto[]> WorkItemsAsync(Guid applicationId, string status = "all") =>
        await CreateClient().GetFromJsonAsync<WorkItemDto[]>($"{WorkItemsPrefix}/work-items?status={status}&applicationId={applicationId}", Json) ?? [];

    /// <summary>Waits until the application has a work item matching <paramref name="filter"/> and returns it.</summary>
    public async Task<WorkItemDto> WorkItemAsync(Guid applicationId, Func<WorkItemDto, bool> filter)
    {
        WorkItemDto? found = null;
        await WaitUntilAsync(async () => (found = (await WorkItemsAsync(applicationId)).FirstOrDefault(filter)) is not null,
            $"No matching work item of application {applicationId} in {WorkItemsPrefix}");
        return found!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, string user = "staff-1") =>
        await ClientAs(user).PostAsJsonAsync(path, body, Json);

    public Task<HttpResponseMessage> CompleteAsync(Guid workItemId, object body, string user = "staff-1") =>
        PostAsync($"{WorkItemsPrefix}/work-items/{workItemId}/complete", body, user);

    public static async Task<WorkItemDto> ReadWorkItemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<WorkItemDto>(Json) ?? throw new InvalidOperationException("Empty body.");

    /// <summary>The <c>errors</c> of a ValidationProblemDetails answer (asserting it is one, with status 400).</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors), $"Not a ValidationProblemDetails: {problem.RootElement}");
        return errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
