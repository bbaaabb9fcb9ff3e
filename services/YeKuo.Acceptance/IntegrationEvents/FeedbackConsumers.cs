using MassTransit;
using Microsoft.EntityFrameworkCore;
using YeKuo.Acceptance.Domain;
using YeKuo.Acceptance.Infrastructure;
using YeKuo.Contracts.Events;
using YeKuo.Messaging.Inbox;

namespace YeKuo.Acceptance.IntegrationEvents;

/// <summary>
/// 投诉 recorded: one row per complaint (its category and owner department), for the 投诉率. A complaint with an id is
/// kept under that id, so a copy published under another message id, or its reassignment, finds the same row.
/// </summary>
public sealed class ComplaintRecordedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ComplaintRecorded, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(ComplaintRecorded message, ConsumeContext<ComplaintRecorded> context)
    {
        var id = message.ComplaintId ?? context.MessageId!.Value;
        var row = await Db.Feedback.FirstOrDefaultAsync(f => f.Id == id, context.CancellationToken);
        if (row is null)
        {
            row = new CustomerFeedback { Id = id, ApplicationId = message.ApplicationId, Kind = FeedbackKind.Complaint };
            Db.Feedback.Add(row);
        }
        row.Category = Truncate(message.Category);
        row.At = message.RecordedAt;
        if (message.OwnerDepartment is { } owner && (row.DepartmentAt is null || row.DepartmentAt <= message.RecordedAt))
        {
            row.Department = Truncate(owner);
            row.DepartmentAt = message.RecordedAt;
        }
    }

    internal static string Truncate(string? text) => text is { Length: > 32 } ? text[..32] : text ?? "";
}

/// <summary>
/// A complaint handed to another department: its row follows the new owner unless a later change is already known. Arriving
/// before its <see cref="ComplaintRecorded"/>, it opens the row, which the recording then completes.
/// </summary>
public sealed class ComplaintReassignedConsumer(AcceptanceDbContext db, TimeProvider time)
    : IdempotentConsumer<ComplaintReassigned, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(ComplaintReassigned message, ConsumeContext<ComplaintReassigned> context)
    {
        var row = await Db.Feedback.FirstOrDefaultAsync(f => f.Id == message.ComplaintId, context.CancellationToken);
        if (row is null)
        {
            row = new CustomerFeedback { Id = message.ComplaintId, ApplicationId = message.ApplicationId, Kind = FeedbackKind.Complaint, At = message.ReassignedAt };
            Db.Feedback.Add(row);
        }
        if (row.DepartmentAt is null || row.DepartmentAt <= message.ReassignedAt)
        {
            row.Department = ComplaintRecordedConsumer.Truncate(message.OwnerDepartment);
            row.DepartmentAt = message.ReassignedAt;
        }
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

/// <summary>回访 by customer service: one row per follow-up (服务态度评分, speed, charges); scores outside 1–5 are not counted.</summary>
public sealed class FollowUpVisitedConsumer(AcceptanceDbContext db, TimeProvider time, ILogger<FollowUpVisitedConsumer> logger)
    : IdempotentConsumer<FollowUpVisited, AcceptanceDbContext>(db, time)
{
    protected override async Task HandleAsync(FollowUpVisited message, ConsumeContext<FollowUpVisited> context)
    {
        if (new[] { message.AttitudeScore, message.SpeedScore, message.ChargesScore }.Any(s => s is < 1 or > 5))
        {
            logger.LogWarning("Ignored the 回访 of application {ApplicationId}: scores are 1 to 5.", message.ApplicationId);
            return;
        }
        if (await Db.Feedback.AnyAsync(f => f.Id == message.FollowUpId, context.CancellationToken))
        {
            return;
        }
        Db.Feedback.Add(new CustomerFeedback
        {
            Id = message.FollowUpId,
            ApplicationId = message.ApplicationId,
            Kind = FeedbackKind.Visit,
            Score = message.AttitudeScore,
            SpeedScore = message.SpeedScore,
            ChargesScore = message.ChargesScore,
            At = message.VisitedAt,
        });
    }
}
