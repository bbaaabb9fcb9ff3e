using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;

namespace YeKuo.Messaging.Persistence;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database, its outbox relay and inbox. <c>Database:Provider</c> picks <c>Sqlite</c> (default:
    /// an embedded file) or <c>SqlServer</c>; each provider has its own context subclass carrying its migrations.
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
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddSingleton<SqliteDurabilityInterceptor>();
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
            options.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>(), sp.GetRequiredService<AuditSaveInterceptor>());
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<TContext, TSqliteContext>(Configure);
        }
        else
        {
            services.AddDbContext<TContext, TSqlServerContext>(Configure);
        }

        services.AddScoped<IEventOutbox, EventOutbox<TContext>>();
        services.AddSingleton(new ServiceDatabase(typeof(TContext)));
        services.AddSingleton<DatabaseBackup>();
        services.AddOptions<OutboxRelayOptions>().BindConfiguration("Outbox");
        // Migrate before anything else starts (the relay and MassTransit both need the tables).
        services.AddHostedService<DatabaseMigrator<TContext>>();
        services.AddHostedService<OutboxRelay<TContext>>();
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
