using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Hosting;

namespace YeKuo.Messaging.Retention;

/// <summary>Runs <see cref="MessageRetention"/> on the service's database every <see cref="MessageRetentionOptions.Interval"/>.</summary>
internal sealed partial class MessageRetentionPass<TContext>(
    IServiceScopeFactory scopes, IOptions<MessageRetentionOptions> options, TimeProvider time, ILogger<MessageRetentionPass<TContext>> logger)
    : RecurringPass(time, logger)
    where TContext : ServiceDbContext
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override string PassName => "deletion of old outbox and inbox rows";

    // Not at start-up, which is busy enough (migrations, the relay's first scan, the broker's connection), but soon
    // after: a service restarted more often than the interval (a deployment a day, an evicted pod) still prunes.
    protected override TimeSpan FirstPassAfter => options.Value.FirstPassAfter;

    protected override bool IsEnabled => options.Value.Enabled;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var (sentEvents, handledMessages) = await MessageRetention.DeleteOldAsync(db, options.Value, Time.GetUtcNow(), cancellationToken);
        if (sentEvents + handledMessages > 0)
        {
            LogDeleted(Logger, sentEvents, handledMessages);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {SentEvents} sent outbox rows and {HandledMessages} handled inbox rows past their retention")]
    private static partial void LogDeleted(ILogger logger, int sentEvents, int handledMessages);
}
