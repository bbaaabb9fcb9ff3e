using MassTransit;
using YeKuo.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using YeKuo.Messaging;
using YeKuo.Workflow.Calendar;
using YeKuo.Workflow.Hosting.Consumers;
using YeKuo.Workflow.Hosting.Deadlines;
using YeKuo.Workflow.Hosting.Staff;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Steps;
using YeKuo.Workflow.Hosting.Supervision;
using YeKuo.Workflow.Hosting.Worklists;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Hosting;

public static class WorkflowExtensions
{
    /// <summary>The working-day calendar, time-limit policies and deadline planner (data files shipped with YeKuo.Workflow).</summary>
    public static IServiceCollection AddWorkingDays(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => WorkingDayCalendar.LoadDefault());
        services.TryAddSingleton(_ => TimeLimitPolicyBook.LoadDefault());
        services.TryAddSingleton<DeadlinePlanner>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// A department's work items: the steps the catalogue says it hosts, each completed by the <see cref="IStepCompletion"/>
    /// of its outcome family (checked at startup), the deadline maths and supervision (超时预警 and escalation timers
    /// fired by <see cref="SupervisionScanner"/>; section <c>Supervision</c>).
    /// </summary>
    public static IHostApplicationBuilder AddDepartmentWorkflow(this IHostApplicationBuilder builder, Department department, params IStepCompletion[] completions) =>
        builder.AddDepartmentWorkflow(new StepCompletions(department, completions));

    /// <summary>Work items, deadlines and supervision without hosting any step (a host that only reads work items, e.g. a bench).</summary>
    public static IHostApplicationBuilder AddDepartmentWorkflow(this IHostApplicationBuilder builder) =>
        builder.AddDepartmentWorkflow(StepCompletions.None);

    private static IHostApplicationBuilder AddDepartmentWorkflow(this IHostApplicationBuilder builder, StepCompletions completions)
    {
        builder.Services.AddWorkingDays();
        builder.Services.AddSingleton(completions);
        var directoryPath = builder.Configuration["StaffDirectory:Path"];
        builder.Services.AddSingleton(_ => StaffDirectory.Load(directoryPath));
        builder.Services.AddSingleton<HandoffRouting>();
        builder.Services.AddSingleton<IBrokerTopology>(services => services.GetRequiredService<HandoffRouting>());
        builder.Services.AddSingleton<WorkItemFeed>();
        builder.Services.AddOptions<WorklistStreamOptions>().BindConfiguration("Worklist:Stream");
        builder.Services.AddSupervision();
        return builder;
    }

    /// <summary>
    /// The consumers every department runs: open the next step of a plan (on RabbitMQ bound to the handoffs of the
    /// steps this service hosts only, <see cref="HandoffRouting"/>), close work of withdrawn applications.
    /// </summary>
    public static void AddDepartmentConsumers<TContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TContext : WorkflowDbContext
    {
        var handoffs = $"{serviceName}-open-next-step";
        bus.TryAddScoped<StepOpener<TContext>>();
        bus.AddConsumer<OpenNextStepConsumer<TContext>>().Endpoint(e => e.Name = handoffs);
        bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
        {
            if (queue == handoffs && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                context.GetRequiredService<HandoffRouting>().Bind(rabbit, context.GetRequiredService<StepCompletions>().HostedSteps);
            }
        });
        bus.AddConsumer<CloseOnWithdrawalConsumer<TContext>>().Endpoint(e => e.Name = $"{serviceName}-close-on-withdrawal");
    }
}
