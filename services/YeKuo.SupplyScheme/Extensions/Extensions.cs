using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Messaging;
using YeKuo.Messaging.Persistence;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Fees;
using YeKuo.Workflow.Fees;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.SupplyScheme.Steps;
using YeKuo.SupplyScheme.Supervision;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Steps;

namespace YeKuo.SupplyScheme.Extensions;

internal static class Extensions
{
    public const string ServiceName = "supplyscheme";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SupplySchemeDbContext, SqliteSupplySchemeDbContext, SqlServerSupplySchemeDbContext>("supplyschemedb");
        builder.AddDepartmentWorkflow(Department.SupplyScheme, new SiteSurveyCompletion(), new SchemeReplyCompletion(), new SchemeConfirmationCompletion(),
            new CustomerRequestCompletion());
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddDepartmentConsumers<SupplySchemeDbContext>(ServiceName);
            bus.AddChargeAccountLane(ServiceName);
        });
        builder.Services.AddSingleton(_ => TariffBook.LoadDefault());
        builder.Services.AddScoped<ChargeAssessor>();

        builder.Services.AddOptions<SchemeReviewOptions>()
            .BindConfiguration(SchemeReviewOptions.Section)
            .Validate(o => o.EffectiveDepartments.All(SchemeReviewOptions.IsValidDepartmentKey),
                "SchemeReview:Departments are lower-case keys (a-z, 0-9, '-'; at most 32 characters), e.g. operations, dispatch.")
            .Validate(o => Enum.IsDefined(o.MeetingDay), "SchemeReview:MeetingDay must be a weekday name, e.g. Wednesday.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LateOpinionScanner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LateOpinionScanner>());
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SchemeReviewOptions>>().Value;
            return new MeetingSchedule(options.MeetingDay, options.MeetingTime, sp.GetRequiredService<WorkingDayCalendar>());
        });
    }
}
