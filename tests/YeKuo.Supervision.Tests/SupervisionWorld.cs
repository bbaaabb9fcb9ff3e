using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Apis;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Domain;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>A department service's context, as small as it gets.</summary>
public sealed class SupervisionTestDbContext(DbContextOptions<SupervisionTestDbContext> options) : WorkflowDbContext(options);

/// <summary>Completes a SupplyScheme step with any body and a fixed outcome (the real completions live in the SupplyScheme service).</summary>
internal sealed class AnyCompletion<TOutcome>(TOutcome outcome) : StepCompletion<AnyCompletion<TOutcome>.Body, TOutcome>
    where TOutcome : StepOutcome
{
    protected override void Validate(Body body, WorkItem item, FieldErrors errors)
    {
    }

    protected override TOutcome Outcome(Body body, WorkItem item) => outcome;

    internal sealed record Body(string? Note);
}

/// <summary>
/// One SQLite file shared by every "replica" (a built, not started, service host wired exactly like a department
/// service: AddServiceDatabase + AddDepartmentWorkflow) and one fake clock they all read.
/// </summary>
public sealed class SupervisionWorld : IDisposable
{
    public const string PolicyVersion = "YK-TL-2024";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "yekuo-supervision-" + Guid.NewGuid().ToString("N"));
    private readonly List<Replica> _replicas = [];

    public SupervisionWorld(DateTimeOffset now, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        Time = new FakeTimeProvider(now);
        Settings = settings ?? new Dictionary<string, string?>();
        using var first = StartReplica();
        first.Use(db =>
        {
            db.Database.EnsureCreated();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");
        });
    }

    public FakeTimeProvider Time { get; }

    public IDictionary<string, string?> Settings { get; }

    public string DatabasePath => Path.Combine(_directory, "supervision.db");

    /// <summary>A new replica whose contexts run <paramref name="interceptor"/> (e.g. another replica's work interleaved).</summary>
    public Replica StartReplica(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) =>
        StartReplica(services => services.ConfigureDbContext<SupervisionTestDbContext>(o => o.AddInterceptors(interceptor)));

    /// <summary>A new service instance on the same database (a restart, or a second replica).</summary>
    public Replica StartReplica(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = _directory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Settings)
        {
            ["ConnectionStrings:supervisiondb"] = $"Data Source={DatabasePath}",
            // The lifecycle tests walk the fake clock a month past a due date; old rows stay for their assertions.
            ["Retention:Enabled"] = "false",
        });
        builder.AddServiceDatabase<SupervisionTestDbContext, SupervisionTestDbContext, SupervisionTestDbContext>("supervisiondb");
        builder.AddDepartmentWorkflow(Department.SupplyScheme,
            new AnyCompletion<SiteSurveyOutcome>(new("具备供电条件", true)),
            new AnyCompletion<SchemeReplyOutcome>(new(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "10kV 单电源")),
            new AnyCompletion<SchemeConfirmationOutcome>(new(true, null)),
            new AnyCompletion<CustomerRequestOutcome>(new("青海某电力设计院", ["接入系统设计报告"], null, null)));
        builder.Services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(builder.Services);
        var replica = new Replica(builder.Build());
        _replicas.Add(replica);
        return replica;
    }

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp file left behind does no harm.
        }
    }
}

public sealed class Replica(IHost host) : IDisposable
{
    public IServiceProvider Services => host.Services;

    public SupervisionScanner Scanner => host.Services.GetRequiredService<SupervisionScanner>();

    public SupervisionMetrics Metrics => host.Services.GetRequiredService<SupervisionMetrics>();

    public DeadlinePlanner Deadlines => host.Services.GetRequiredService<DeadlinePlanner>();

    public TimeProvider Time => host.Services.GetRequiredService<TimeProvider>();

    public Task<SupervisionScanResult> ScanAsync() => Scanner.ScanOnceAsync();

    public void Use(Action<SupervisionTestDbContext> action)
    {
        using var scope = host.Services.CreateScope();
        action(scope.ServiceProvider.GetRequiredService<SupervisionTestDbContext>());
    }

    public async Task<T> UseAsync<T>(Func<SupervisionTestDbContext, IServiceProvider, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SupervisionTestDbContext>(), scope.ServiceProvider);
    }

    public Task UseAsync(Func<SupervisionTestDbContext, Task> action) => UseAsync(async (db, _) =>
    {
        await action(db);
        return true;
    });

    /// <summary>Opens an HV single-source work item the way the step-routing consumer does (its clock starts now).</summary>
    public async Task<WorkItem> OpenAsync(Step step = Step.SchemeReply)
    {
        var now = Time.GetUtcNow();
        var item = WorkItem.Open(
            Guid.NewGuid(), "YK" + now.ToString("yyyyMMdd") + Random.Shared.Next(100000, 999999), "cust-1",
            CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion, step, StepCatalogue.Of(step).Responsible, round: 1,
            TestPlans.HighVoltage, now, Deadlines.For(CustomerClass.HighVoltageSingleSource, SupervisionWorld.PolicyVersion, step, now));
        await UseAsync(async db =>
        {
            db.WorkItems.Add(item);
            await db.SaveChangesAsync();
        });
        return item;
    }

    public static void AssertOk(IResult result)
    {
        if (result is ProblemHttpResult problem)
        {
            Assert.Fail($"{problem.ProblemDetails.Title} {problem.ProblemDetails.Detail}");
        }
        Assert.IsType<Ok<WorkItemDto>>(result);
    }

    public Task<IResult> PauseAsync(Guid id, string reason = "客户资料不全") => UseAsync<IResult>(async (db, services) =>
        (await WorkItemsApi.Pause(db, Time, Http(services), services.GetRequiredService<IEventOutbox>(), id, new PauseRequest(reason), default)).Result);

    public Task<IResult> ResumeAsync(Guid id) => UseAsync<IResult>(async (db, services) =>
        (await WorkItemsApi.Resume(db, Time, Http(services), Deadlines, services.GetRequiredService<IEventOutbox>(), id, default)).Result);

    public Task<IResult> CompleteAsync(Guid id) => UseAsync<IResult>(async (db, services) =>
        (await WorkItemsApi.Complete(db, Time, Http(services), services.GetRequiredService<IEventOutbox>(),
            services.GetRequiredService<StepCompletions>(), id, JsonDocument.Parse("{}").RootElement, default)).Result);

    public Task<WorkItem> ItemAsync(Guid id) => UseAsync((db, _) => db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id));

    public Task<List<SupervisionTimer>> TimersAsync(Guid workItemId) => UseAsync((db, _) =>
        db.SupervisionTimers.AsNoTracking().Where(t => t.WorkItemId == workItemId).ToListAsync());

    public Task<List<DeadlineWarningRaised>> WarningsAsync() => EventsAsync<DeadlineWarningRaised>();

    public Task<List<WorkItemEscalated>> EscalationsAsync() => EventsAsync<WorkItemEscalated>();

    private Task<List<TEvent>> EventsAsync<TEvent>() => UseAsync(async (db, _) =>
    {
        var urn = Messages.UrnOf(typeof(TEvent));
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == urn).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(m => JsonSerializer.Deserialize<TEvent>(m.Body, MessageJson.Options)!).ToList();
    });

    private static DefaultHttpContext Http(IServiceProvider services)
    {
        // The acting user comes from the validated token's claims only.
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim("sub", "li.ming"), new System.Security.Claims.Claim("role", "staff")], "Test", "sub", "role"));
        return new DefaultHttpContext { RequestServices = services, User = user };
    }

    public void Dispose() => host.Dispose();
}

internal static class TestPlans
{
    public static readonly Step[] HighVoltage =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation, Step.DesignReview,
        Step.IntermediateInspection, Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
    ];
}

/// <summary>Instants in China time (+08:00), as the SLA is stated, converted to UTC.</summary>
internal static class China
{
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}
