using YeKuo.Contracts;
using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.Metering.Fees;
using YeKuo.Metering.Infrastructure;
using YeKuo.Metering.Steps;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.Metering.Extensions;

internal static class Extensions
{
    public const string ServiceName = "metering";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MeteringDbContext, SqliteMeteringDbContext, SqlServerMeteringDbContext>("meteringdb");
        builder.AddDepartmentWorkflow(Department.Metering, new SupplyContractCompletion(), new PowerConnectionCompletion());
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddDepartmentConsumers<MeteringDbContext>(ServiceName);
            bus.AddConsumer<ChargesAssessedConsumer>();
            bus.AddConsumer<ChargesPaidConsumer>();
        });
        // 装表接电 waits, with the contract, for the charges to be paid.
        builder.Services.AddScoped<IStepOpeningGate, PaymentGate>();
        builder.Services.AddSingleton<HeldHandoffSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<HeldHandoffSweeper>());
    }
}
