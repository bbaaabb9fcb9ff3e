using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Notification.Webhooks;

/// <summary>Wiring of webhooks: options, the dispatcher and the model (deliveries are recorded by the event consumers, <see cref="WebhookDeliveries"/>).</summary>
public static class WebhookRegistration
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration("Notification:Webhooks")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff
                && o.MaxAttempts > 0 && o.BatchSize > 0 && o.RequestTimeout > TimeSpan.Zero,
                "Notification:Webhooks needs positive PollInterval, InitialBackoff (≤ MaxBackoff), MaxAttempts, BatchSize and RequestTimeout.")
            .ValidateOnStart();
        // Loopback targets are for a developer's machine: refuse to start with them allowed anywhere else.
        DevelopmentOnly.IsOn(builder.Configuration, builder.Environment, "Notification:Webhooks:AllowLoopback",
            "partners could make the service call its own and its neighbours' local ports");
        builder.Services.TryAddSingleton<IWebhookAddressResolver, DnsWebhookAddressResolver>();
        builder.Services.AddSingleton<WebhookTargetPolicy>();
        builder.Services.TryAddSingleton<WebhookConnector>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    internal static void ConfigureWebhooks(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookSubscription>(subscription =>
        {
            subscription.ToTable("WebhookSubscriptions");
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Id).ValueGeneratedNever();
            subscription.Property(s => s.Owner).HasMaxLength(64);
            subscription.Property(s => s.Url).HasMaxLength(WebhooksApi.MaxUrlLength);
            subscription.Property(s => s.Secret).HasMaxLength(80);
            subscription.Property(s => s.EventTypes).HasConversion(
                types => string.Join(',', types),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()))
                .HasMaxLength(1000);
            subscription.HasIndex(s => s.Owner);
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("WebhookDeliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Id).ValueGeneratedNever();
            delivery.Property(d => d.EventId).HasMaxLength(120);
            delivery.Property(d => d.EventType).HasMaxLength(80);
            delivery.Property(d => d.Subject).HasMaxLength(64);
            delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            delivery.Property(d => d.LastError).HasMaxLength(500);
            delivery.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId);
            delivery.Navigation(d => d.AttemptLog).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
            // One delivery per event and subscription, whatever the message id of a copy.
            delivery.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
            // The dispatcher's scan.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        });

        modelBuilder.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("WebhookAttempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.Id).ValueGeneratedNever();
            attempt.Property(a => a.Error).HasMaxLength(500);
        });
    }
}
