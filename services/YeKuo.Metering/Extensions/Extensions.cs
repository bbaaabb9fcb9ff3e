using YeKuo.Contracts;
using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.Metering.Infrastructure;
using YeKuo.Metering.Steps;
using YeKuo.Workflow.Hosting;

namespace YeKuo.Metering.Extensions;

internal static class Extensions
{
    public const string ServiceName = "metering";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MeteringDbContext, SqliteMeteringDbContext, SqlServerMeteringDbContext>("meteringdb");
        builder.AddDepartmentWorkflow(Department.Metering, new SupplyContractCompletion(), new PowerConnectionCompletion());
        builder.AddMessaging(ServiceName, bus => bus.AddDepartmentConsumers<MeteringDbContext>(ServiceName));
    }
}
