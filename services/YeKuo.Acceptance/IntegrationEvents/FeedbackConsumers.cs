using MassTransit;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>投诉 recorded: one row per complaint (its category only), for the 投诉率.</summary>
public sealed class ComplaintRecordedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ComplaintRecorded, AcceptanceDbContext>(db, time)
{
    protected override Task HandleAsync(ComplaintRecorded message, ConsumeContext<ComplaintRecorded> context)
    {
        var category = message.Category ?? "";
        Db.Feedback.Add(new CustomerFeedback
        {
            Id = context.MessageId!.Value,
            ApplicationId = message.ApplicationId,
            Kind = FeedbackKind.Complaint,
            Category = category.Length > 32 ? category[..32] : category,
            At = message.RecordedAt,
        });
        return Task.CompletedTask;
    }
}

/// <summary>满意度 rated (回访): one row per rating; scores outside 1–5 are not counted.</summary>
public sealed class SatisfactionRatedConsumer(AcceptanceDbContext db, TimeProvider time, ILogger<SatisfactionRatedConsumer> logger)
    : IdempotentConsumer<SatisfactionRated, AcceptanceDbContext>(db, time)
{
    protected override Task HandleAsync(SatisfactionRated message, ConsumeContext<SatisfactionRated> context)
    {
        if (message.Score is < 1 or > 5)
        {
            logger.LogWarning("Ignored satisfaction score {Score} for application {ApplicationId}: scores are 1 to 5.", message.Score, message.ApplicationId);
            return Task.CompletedTask;
        }
        Db.Feedback.Add(new CustomerFeedback
        {
            Id = context.MessageId!.Value,
            ApplicationId = message.ApplicationId,
            Kind = FeedbackKind.Satisfaction,
            Score = message.Score,
            At = message.RatedAt,
        });
        return Task.CompletedTask;
    }
}
