using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace YeKuo.Messaging.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// The audit trail of a host with a service database (called by <c>AddServiceDatabase</c>): the recorder in front of
    /// every request pipeline and the save interceptor that commits the row with the state change.
    /// </summary>
    public static IServiceCollection AddRequestAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<AuditSaveInterceptor>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, AuditStartupFilter>());
        return services;
    }
}
