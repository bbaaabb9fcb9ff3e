using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Outcomes;
using YeKuo.Tests.Support;
using YeKuo.Notification.Domain;

namespace YeKuo.Notification.Tests;

/// <summary>Events published on the bus become customer notices, read back through the HTTP API.</summary>
public sealed class CustomerNoticeTests(NotificationApp app) : IClassFixture<NotificationApp>
{
    public static TheoryData<Step, NoticeKind> CustomerFacingSteps => new()
    {
        { Step.SiteSurvey, NoticeKind.SiteSurveyCompleted },
        { Step.SchemeReply, NoticeKind.SchemeReplied },
        { Step.DesignReview, NoticeKind.DesignReviewPassed },
        { Step.IntermediateInspection, NoticeKind.IntermediateInspectionPassed },
        { Step.CompletionAcceptance, NoticeKind.CompletionAcceptancePassed },
        { Step.SupplyContract, NoticeKind.SupplyContractSigned },
        { Step.PowerConnection, NoticeKind.PowerConnected },
    };

    [Theory]
    [MemberData(nameof(CustomerFacingSteps))]
    public async Task Each_customer_facing_step_yields_exactly_one_notice(Step step, NoticeKind kind)
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(step));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(kind.ToString(), notice.Kind);
        Assert.Equal(step.ToString(), notice.Step);
        Assert.Equal(1, notice.Round);
        Assert.Equal(application.CustomerId, notice.CustomerId);
        Assert.Equal(application.ApplicationNumber, notice.ApplicationNumber);
        Assert.Contains(application.ApplicationNumber, notice.Body);
        Assert.False(string.IsNullOrWhiteSpace(notice.Title));
        Assert.Null(notice.ReadAt);
    }

    [Fact]
    public async Task A_submitted_application_yields_one_notice_confirming_receipt()
    {
        var application = new Events();

        await app.PublishAsync(application.Submitted());

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.ApplicationSubmitted), notice.Kind);
        Assert.Null(notice.Step);
        Assert.Equal($"您的用电申请 {application.ApplicationNumber} 已提交，我们将尽快审核资料并告知您受理结果。", notice.Body);
    }

    [Fact]
    public async Task An_accepted_application_yields_one_notice_naming_the_customer_manager()
    {
        var application = new Events();

        await app.PublishAsync(application.Accepted("张敏"));
        // Acceptance publishes the 受理 step's completion alongside; it must not notify a second time.
        await app.PublishAsync(application.StepCompleted(Step.Acceptance));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.ApplicationAccepted), notice.Kind);
        Assert.Equal(nameof(Step.Acceptance), notice.Step);
        Assert.Equal($"您的用电申请 {application.ApplicationNumber} 已受理，客户经理 张敏 将为您服务。", notice.Body);
    }

    [Fact]
    public async Task The_scheme_reply_notice_tells_the_scheme_and_asks_the_customer_to_confirm_it()
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(Step.SchemeReply, outcome: new SchemeReplyOutcome(10, 2, 1250, MeteringMethod.HighSupplyHighMetering, "由 110kV 城东变 10kV 城东线 T 接")));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Contains("供电电压 10 kV，双电源供电，供电容量 1250 kVA，计量方式 高供高计。由 110kV 城东变 10kV 城东线 T 接。", notice.Body);
        Assert.Contains("请您查阅并确认供电方案", notice.Body);
    }

    [Fact]
    public async Task The_customers_own_scheme_confirmation_yields_no_notice()
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(Step.SchemeConfirmation));

        Assert.Empty(await app.NoticesOfApplicationAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_redelivered_event_with_the_same_message_id_yields_one_notice()
    {
        var application = new Events();
        var message = application.StepCompleted(Step.SiteSurvey);
        var messageId = NewId.NextGuid();

        await app.PublishAsync(message, messageId);
        await app.PublishAsync(message, messageId);

        Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
    }

    [Fact]
    public async Task A_copy_of_an_event_republished_with_another_message_id_yields_one_notice()
    {
        var application = new Events();
        var message = application.StepCompleted(Step.PowerConnection, outcome: new PowerConnectionOutcome("3300123456"));

        await app.PublishAsync(message, NewId.NextGuid());
        await app.PublishAsync(message with { }, NewId.NextGuid());
        await app.PublishAsync(application.Submitted(), NewId.NextGuid());
        await app.PublishAsync(application.Submitted(), NewId.NextGuid());

        var notices = await app.NoticesOfApplicationAsync(application.ApplicationId);
        Assert.Single(notices, n => n.Kind == nameof(NoticeKind.PowerConnected));
        Assert.Single(notices, n => n.Kind == nameof(NoticeKind.ApplicationSubmitted));
        Assert.Equal(2, notices.Length);
    }

    [Fact]
    public async Task Copies_of_an_event_consumed_at_the_same_time_yield_one_notice()
    {
        var application = new Events();
        var message = application.StepCompleted(Step.SupplyContract, outcome: new SupplyContractOutcome("GY-2026-0042", new DateOnly(2026, 3, 2)));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.PublishAsync(message, NewId.NextGuid())));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Contains("（合同编号：GY-2026-0042）", notice.Body);
    }

    [Fact]
    public async Task A_failed_completion_acceptance_notice_lists_the_defects_to_rectify()
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(Step.CompletionAcceptance, outcome: TestOutcomes.Failed("配电室未设置挡鼠板", "接地电阻 6Ω，超过 4Ω 的要求")));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.CompletionAcceptanceFailed), notice.Kind);
        Assert.Equal("竣工验收未通过，请整改", notice.Title);
        Assert.Equal(
            $"您的用电申请 {application.ApplicationNumber} 竣工验收未通过。请对以下问题进行整改，整改完成后申请复验：1. 配电室未设置挡鼠板；2. 接地电阻 6Ω，超过 4Ω 的要求。",
            notice.Body);
    }

    [Fact]
    public async Task A_failed_intermediate_inspection_lists_its_defects_in_order()
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(Step.IntermediateInspection, outcome: TestOutcomes.Failed("电缆沟盖板缺失", "隐蔽工程无影像记录")));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.IntermediateInspectionFailed), notice.Kind);
        Assert.Contains("1. 电缆沟盖板缺失；2. 隐蔽工程无影像记录。", notice.Body);
    }

    [Fact]
    public async Task A_failed_inspection_and_its_passed_recheck_are_two_notices_newest_first()
    {
        var application = new Events();

        await app.PublishAsync(application.StepCompleted(Step.CompletionAcceptance, 1, TestOutcomes.Failed("围栏未完工")));
        await app.PublishAsync(application.StepCompleted(Step.CompletionAcceptance, 2, TestOutcomes.Passed));

        var notices = await app.NoticesOfApplicationAsync(application.ApplicationId);
        Assert.Collection(notices,
            recheck =>
            {
                Assert.Equal(nameof(NoticeKind.CompletionAcceptancePassed), recheck.Kind);
                Assert.Equal(2, recheck.Round);
            },
            first =>
            {
                Assert.Equal(nameof(NoticeKind.CompletionAcceptanceFailed), first.Kind);
                Assert.Equal(1, first.Round);
            });
    }

    [Fact]
    public async Task A_rejected_application_yields_one_notice_with_the_reasons()
    {
        var application = new Events();

        await app.PublishAsync(application.Rejected("营业执照已过期", "用电地址产权证明缺失"));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.ApplicationRejected), notice.Kind);
        Assert.Contains("原因如下：1. 营业执照已过期；2. 用电地址产权证明缺失。", notice.Body);
    }

    [Fact]
    public async Task A_withdrawn_application_yields_one_notice()
    {
        var application = new Events();

        await app.PublishAsync(application.Withdrawn("项目暂缓"));

        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));
        Assert.Equal(nameof(NoticeKind.ApplicationWithdrawn), notice.Kind);
        Assert.Contains("已撤回（撤回原因：项目暂缓）", notice.Body);
    }

    [Fact]
    public async Task Recorded_notices_are_sent_once_by_sms_and_by_email()
    {
        var application = new Events();
        await app.PublishAsync(application.Submitted());
        var notice = Assert.Single(await app.NoticesOfApplicationAsync(application.ApplicationId));

        await NotificationApp.WaitUntilAsync(
            () => app.Sender.Sent.Count(s => s.NoticeId == notice.Id) >= 2, "The notice was not sent by SMS and e-mail.");
        await Task.Delay(400); // several more delivery ticks: nothing is sent again

        Assert.Equal([NoticeChannel.Sms, NoticeChannel.Email],
            app.Sender.Sent.Where(s => s.NoticeId == notice.Id).Select(s => s.Channel).Order().ToArray());
    }

    [Fact]
    public async Task A_notice_whose_sending_fails_is_sent_on_a_later_pass_and_the_others_sent_beside_it_are_not_sent_again()
    {
        var refused = new Events();
        var accepted = new Events();
        app.Sender.FailNext(refused.ApplicationNumber, times: 1);
        await app.PublishAsync(refused.Submitted());
        await app.PublishAsync(accepted.Submitted());
        var refusedNotice = Assert.Single(await app.NoticesOfApplicationAsync(refused.ApplicationId));
        var acceptedNotice = Assert.Single(await app.NoticesOfApplicationAsync(accepted.ApplicationId));

        await NotificationApp.WaitUntilAsync(
            () => app.Sender.Sent.Count(s => s.NoticeId == refusedNotice.Id) >= 2 && app.Sender.Sent.Count(s => s.NoticeId == acceptedNotice.Id) >= 2,
            "Both notices were not sent by SMS and e-mail.");
        await Task.Delay(400); // several more delivery passes: nothing is sent again

        Assert.Equal(2, app.Sender.Sent.Count(s => s.NoticeId == refusedNotice.Id));
        Assert.Equal(2, app.Sender.Sent.Count(s => s.NoticeId == acceptedNotice.Id));
        var attempts = await app.QueryAsync(db => db.Notices.AsNoTracking()
            .Where(n => n.Id == refusedNotice.Id || n.Id == acceptedNotice.Id)
            .ToDictionaryAsync(n => n.Id, n => (n.DeliveryAttempts, Delivered: n.DeliveredAt is not null)));
        Assert.Equal((2, true), attempts[refusedNotice.Id]);
        Assert.Equal((1, true), attempts[acceptedNotice.Id]);
    }
}
