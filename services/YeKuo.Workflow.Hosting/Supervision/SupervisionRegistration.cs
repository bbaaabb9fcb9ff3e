using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.Workflow.Hosting.Supervision;

internal static class SupervisionRegistration
{
    /// <summary>Options, planner, metrics and the scanner (a hosted service) on the service's <see cref="WorkflowDbContext"/>.</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SupervisionScanner)))
        {
            return services;
        }

        services.AddOptions<SupervisionOptions>().BindConfiguration(SupervisionOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupervisionOptions>, SupervisionOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<SupervisionMetrics>();
        services.TryAddSingleton<SupervisionPlanner>();
        // Resolved when the host starts, after every registration (the database may be added after the workflow).
        services.TryAddSingleton(_ => new SupervisedDbContext(FindContextType(services)));
        services.AddSingleton<SupervisionScanner>();
        services.AddHostedService(sp => sp.GetRequiredService<SupervisionScanner>());
        return services;
    }

    internal static Type FindContextType(IServiceCollection services)
    {
        var candidates = services
            .Select(d => d.ServiceType)
            .Where(t => t != typeof(WorkflowDbContext) && typeof(WorkflowDbContext).IsAssignableFrom(t))
            .Distinct()
            .ToList();
        // AddDbContext<InspectionDbContext, SqliteInspectionDbContext> registers both; the service type is the base one.
        var roots = candidates.Where(t => !candidates.Any(other => other != t && other.IsAssignableFrom(t))).ToList();
        return roots.Count == 1
            ? roots[0]
            : throw new InvalidOperationException(
                $"Supervision needs exactly one WorkflowDbContext registered (AddServiceDatabase); found {roots.Count}: {string.Join(", ", roots.Select(t => t.Name))}.");
    }
}
