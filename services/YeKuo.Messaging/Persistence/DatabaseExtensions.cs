using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.Retention;
using YeKuo.Messaging.PartnerEvents;

namespace YeKuo.Messaging.Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database, its outbox (published right after each commit, the relay behind it) and inbox.
    /// <c>Database:Provider</c> picks <c>Sqlite</c> (default: an embedded file) or <c>SqlServer</c>; each provider has its
    /// own context subclass carrying its migrations. Contexts are pooled (every interceptor is a singleton: a pooled
    /// context keeps its options for the life of the process).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        var provider = DatabaseProviderOf(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? (provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, connectionName + ".db")}"
                : throw new InvalidOperationException($"ConnectionStrings:{connectionName} is required for SQL Server."));

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDurabilityInterceptor>();
        services.AddSingleton<DatabaseWriteGate>();
        // Every state-changing request is audited in this database (Audit/).
        services.AddRequestAudit();

        void Configure(IServiceProvider sp, DbContextOptionsBuilder options)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(SqliteDurabilityInterceptor.WithBusyTimeout(connectionString));
                options.AddInterceptors(sp.GetRequiredService<SqliteDurabilityInterceptor>());
            }
            else
            {
                options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
            }
            options.AddInterceptors(sp.GetRequiredService<AuditSaveInterceptor>());
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextPool<TContext, TSqliteContext>(Configure);
        }
        else
        {
            services.AddDbContextPool<TContext, TSqlServerContext>(Configure);
        }

        services.AddScoped<IEventOutbox, EventOutbox<TContext>>();
        services.TryAddSingleton<CloudEventPublisher>();
        services.AddSingleton<OutboxPublisher>();
        services.AddSingleton<OutboxLedger<TContext>>();
        services.AddSingleton<IOutboxDispatcher, OutboxDispatcher<TContext>>();
        services.AddSingleton(new ServiceDatabase(typeof(TContext)));
        services.AddSingleton<DatabaseBackup>();
        services.AddOptions<OutboxRelayOptions>().BindConfiguration("Outbox");
        services.AddOptions<MessageRetentionOptions>().BindConfiguration("Retention");
        // Migrate before anything else starts (the relay and MassTransit both need the tables).
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxLedger<TContext>>());
        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddHostedService<MessageRetentionPass<TContext>>();
        services.AddHealthChecks()
            .AddDbContextCheck<TContext>("database", tags: ["ready"])
            .AddCheck<OutboxHealthCheck<TContext>>("outbox", HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }

    public static DatabaseProvider DatabaseProviderOf(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;
}
