using YeKuo.Contracts;
using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.Inspection.Infrastructure;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Inspection.Extensions;

internal static class Extensions
{
    public const string ServiceName = "inspection";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InspectionDbContext, SqliteInspectionDbContext, SqlServerInspectionDbContext>("inspectiondb");
        builder.AddDepartmentWorkflow(Department.Inspection, new InspectionCompletion(), new CustomerRequestCompletion());
        builder.AddMessaging(ServiceName, bus => bus.AddDepartmentConsumers<InspectionDbContext>(ServiceName));
    }
}
