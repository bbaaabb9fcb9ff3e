using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.SupplyScheme.Steps;
using YeKuo.Workflow.Hosting;

namespace YeKuo.SupplyScheme.Extensions;

internal static class Extensions
{
    public const string ServiceName = "supplyscheme";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SupplySchemeDbContext, SqliteSupplySchemeDbContext, SqlServerSupplySchemeDbContext>("supplyschemedb");
        builder.AddDepartmentWorkflow(new SiteSurveyCompletion(), new SchemeReplyCompletion(), new SchemeConfirmationCompletion());
        builder.AddMessaging(ServiceName, bus => bus.AddDepartmentConsumers<SupplySchemeDbContext>(ServiceName));
    }
}
