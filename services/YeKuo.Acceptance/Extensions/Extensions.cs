using YeKuo.Acceptance.Infrastructure;
using YeKuo.Acceptance.IntegrationEvents;
using YeKuo.Acceptance.Steps;
using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Acceptance.Extensions;

internal static class Extensions
{
    public const string ServiceName = "acceptance";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AcceptanceDbContext, SqliteAcceptanceDbContext, SqlServerAcceptanceDbContext>("acceptancedb");
        builder.AddDepartmentWorkflow(new AcceptanceCompletion());
        builder.Services.AddOptions<CustomerManagerOptions>().BindConfiguration("CustomerManagers");
        builder.Services.AddScoped<CustomerManagerAssigner>();

        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<WorkItemOpenedConsumer>();
            bus.AddConsumer<StepCompletedConsumer>();
            bus.AddConsumer<PowerConnectedConsumer>();
        });
    }
}
