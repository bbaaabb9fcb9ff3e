using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using YeKuo.Acceptance.Fees;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.IntegrationEvents;
using YeKuo.Acceptance.Foresight;
using YeKuo.Acceptance.Progress;
using YeKuo.Acceptance.Reports;
using YeKuo.Acceptance.Steps;
using YeKuo.Acceptance.TemporarySupply;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Messaging;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Extensions;

internal static class Extensions
{
    public const string ServiceName = "acceptance";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AcceptanceDbContext, SqliteAcceptanceDbContext, SqlServerAcceptanceDbContext>("acceptancedb");
        builder.AddDepartmentWorkflow(Department.Acceptance, new AcceptanceCompletion());
        builder.Services.AddOptions<CustomerManagerOptions>().BindConfiguration("CustomerManagers");
        builder.Services.AddScoped<CustomerManagerAssigner>();
        builder.Services.AddOptions<SubmissionQuotaOptions>().BindConfiguration("Acceptance:Submissions")
            .Validate(o => o.PerCustomerPerDay > 0, "Acceptance:Submissions:PerCustomerPerDay must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<SubmissionQuota>();
        builder.AddProgress();
        builder.Services.AddOptions<TemporarySupplyOptions>().BindConfiguration("TemporarySupply");
        builder.Services.AddSingleton<TemporarySupplyReminders>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TemporarySupplyReminders>());

        builder.AddMessaging(ServiceName, bus =>
        {
            // The timeline's two busiest feeds share a commit per batch (IdempotentBatchConsumer).
            bus.AddBatchConsumer<WorkItemOpenedConsumer>();
            bus.AddBatchConsumer<StepCompletedConsumer>();
            bus.AddConsumer<PowerConnectedConsumer>();
            bus.AddConsumer<WorkItemPausedConsumer>();
            bus.AddConsumer<WorkItemResumedConsumer>();
            bus.AddConsumer<WorkItemClaimedConsumer>();
            bus.AddConsumer<ComplaintRecordedConsumer>();
            bus.AddConsumer<SatisfactionRatedConsumer>();
            bus.AddConsumer<ComplaintReassignedConsumer>();
            bus.AddConsumer<FollowUpVisitedConsumer>();
            bus.AddConsumer<DeadlineWarningRaisedConsumer>();
            bus.AddConsumer<ChargesAssessedConsumer>();
            bus.AddConsumer<ChargesPaidConsumer>();
            bus.AddConsumer<ChargesRefundedConsumer>();
            // Registered before the shared retry callback: the refresh wraps the retries and runs once after the commit,
            // inside the application's turn (ApplicationOrderFilter), so no other message of the application overtakes it.
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseConsumeFilter(typeof(ApplicationOrderFilter<>), context);
                endpoint.UseConsumeFilter(typeof(ProgressRefreshFilter<>), context);
            });
        });
    }

    /// <summary>
    /// Progress, deviation, worklist and reports; the customer's progress view in Redis when <c>ConnectionStrings:cache</c>
    /// is set and <c>Progress:Cache</c> is not off. Redis never stops the service: the multiplexer connects in the
    /// background (AbortOnConnectFail=false), commands fail fast while it is down, and its health is Degraded, not Unhealthy.
    /// </summary>
    public static void AddProgress(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<StepRecords>();
        services.AddSingleton<ApplicationNumberGate>();
        services.AddSingleton<NetworkAnalyzer>();
        services.AddSingleton<PowerOnForecasts>();
        services.AddScoped<StoredHistory>();
        services.AddScoped<ForesightReports>();
        services.AddOptions<ForesightOptions>().BindConfiguration("Foresight");
        services.AddSingleton<ApplicationAssessor>();
        services.AddScoped<ProgressReader>();
        services.AddScoped<ManagerWorklist>();
        services.AddScoped<PerformanceReportBuilder>();
        services.AddScoped<ResponsibleReportBuilder>();
        services.AddScoped<ApplicationCosts>();
        services.AddScoped<CostReportBuilder>();
        services.AddSingleton<ProgressCache>();
        services.AddSingleton<ApplicationChanges>();
        services.AddSingleton<ApplicationTurns>();
        services.AddOptions<ProgressCacheOptions>().BindConfiguration("Progress");

        var connectionString = builder.Configuration.GetConnectionString("cache");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }
        InfrastructureCredentials.RequireCachePassword(connectionString, builder.Environment, "ConnectionStrings:cache");
        services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
            options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
            options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
            // Back within seconds of Redis returning (the default backoff grows to a minute).
            options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
            return ConnectionMultiplexer.Connect(options);
        });
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("cache", HealthStatus.Degraded, ["ready"]);
    }
}
