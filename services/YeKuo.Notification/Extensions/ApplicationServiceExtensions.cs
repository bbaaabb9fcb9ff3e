using Microsoft.Extensions.DependencyInjection.Extensions;
using YeKuo.Messaging;
using YeKuo.Messaging.Inbox;
using YeKuo.Messaging.Persistence;
using YeKuo.Notification.Infrastructure;
using YeKuo.Notification.Infrastructure.Delivery;
using YeKuo.Notification.IntegrationEvents;
using YeKuo.Notification.Webhooks;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Policies;

namespace YeKuo.Notification.Extensions;

public static class ApplicationServiceExtensions
{
    public const string ServiceName = "notification";

    /// <summary>The receive endpoint (queue) of every event this service handles.</summary>
    public const string EventsEndpoint = ServiceName + "-events";

    /// <summary>
    /// The notice store (<c>ConnectionStrings:notificationdb</c>), the consumers of every customer-facing event, of
    /// 超时预警/escalations and of power connected (<c>ConnectionStrings:messaging</c>), and SMS/e-mail delivery
    /// (<c>Notification:Delivery</c>; staff notices only over <c>StaffChannels</c>, none by default).
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationDbContext, SqliteNotificationDbContext, SqlServerNotificationDbContext>("notificationdb");
        builder.AddMessaging(ServiceName, bus =>
        {
            // One consumer per event (notice and webhook deliveries together), all on one endpoint: each event is one
            // delivery and one inbox check here; the events of a kind that arrive together share a commit (batches).
            void Add<TConsumer>() where TConsumer : class, MassTransit.IConsumer =>
                bus.AddBatchConsumer<TConsumer>().Endpoint(e => e.Name = EventsEndpoint);
            Add<ApplicationSubmittedConsumer>();
            Add<ApplicationAcceptedConsumer>();
            Add<StepCompletedConsumer>();
            Add<ApplicationRejectedConsumer>();
            Add<ApplicationWithdrawnConsumer>();
            Add<DeadlineWarningRaisedConsumer>();
            Add<WorkItemEscalatedConsumer>();
            Add<SchemeReviewOpinionOverdueConsumer>();
            Add<CustomerManagerChangedConsumer>();
            Add<PowerConnectedConsumer>();
            Add<TemporarySupplyEndingSoonConsumer>();
            Add<TemporarySupplyEndedConsumer>();
        });
        builder.AddWebhooks();

        // The due of complaints and 回访 tasks: the time-limit documents and the working-day calendar, both data.
        builder.Services.TryAddSingleton(_ => WorkingDayCalendar.LoadDefault());
        builder.Services.TryAddSingleton(_ => TimeLimitPolicyBook.LoadDefault());

        builder.Services.TryAddSingleton<INoticeSender, LoggingNoticeSender>();
        builder.Services.TryAddSingleton<IStaffNoticeSender, LoggingStaffNoticeSender>();
        builder.Services.AddOptions<NoticeDeliveryOptions>()
            .BindConfiguration("Notification:Delivery")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize > 0 && o.MaxAttempts > 0,
                "Notification:Delivery needs a positive PollInterval, BatchSize and MaxAttempts.")
            .ValidateOnStart();
        builder.Services.AddHostedService<NoticeDelivery>();
        builder.Services.AddHostedService<StaffNoticeDelivery>();
        return builder;
    }
}
