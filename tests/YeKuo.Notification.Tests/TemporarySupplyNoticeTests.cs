using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Tests;

/// <summary>临时用电: the customer is reminded of the end and told how it ends.</summary>
public sealed class TemporarySupplyNoticeTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    [Fact]
    public async Task The_reminder_asks_the_customer_to_remove_or_convert_the_temporary_supply_before_its_end()
    {
        var application = new Events();

        await app.PublishAsync(new TemporarySupplyEndingSoon(
            application.ApplicationId, application.ApplicationNumber, application.CustomerId, "cm-zhang", new DateOnly(2026, 5, 2), Events.At));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.TemporarySupplyEndingSoon), notice.Kind);
        Assert.Contains("2026年5月2日", notice.Body);
        Assert.Contains("转为正式用电", notice.Body);
    }

    [Fact]
    public async Task The_decision_is_confirmed_once_even_when_its_event_is_copied()
    {
        var application = new Events();
        var ended = new TemporarySupplyEnded(
            application.ApplicationId, application.ApplicationNumber, application.CustomerId, TemporarySupplyEnding.Remove,
            new DateOnly(2026, 5, 2), application.CustomerId, Events.At);

        await app.PublishAsync(ended);
        await app.PublishAsync(ended with { });

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.TemporarySupplyEnded), notice.Kind);
        Assert.Contains("拆除", notice.Body);
    }
}
