using System.Diagnostics;
using System.Diagnostics.Metrics;
using MassTransit;
using YeKuo.Contracts;

namespace YeKuo.Messaging;

/// <summary>
/// Makes every handoff visible: tags the consumer span with the application, step and the two departments, and
/// measures <c>yekuo.handoff.duration</c> (publish → consumed) by department pair and step.
/// </summary>
public static class HandoffTelemetry
{
    private static readonly Histogram<double> HandoffDuration = MessagingTelemetry.Meter.CreateHistogram<double>(
        "yekuo.handoff.duration", unit: "s", description: "Time from publishing an event to its consumption by another department.",
        tags: null,
        // Seconds, not the SDK's millisecond-shaped defaults: a healthy handoff takes milliseconds, a stuck one minutes.
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });

    /// <summary>The department this process serves (the receiving side), set once by AddMessaging.</summary>
    public static string ReceivingDepartment { get; internal set; } = "unknown";

    public static void Record<TMessage>(ConsumeContext<TMessage> context, DateTimeOffset consumedAt)
        where TMessage : class
    {
        var seconds = Measure(context, consumedAt);
        if (Activity.Current is not { } activity)
        {
            return;
        }
        Tag(activity, context.Message);
        if (seconds is { } s)
        {
            // Lets a slow handoff be exported even from an unsampled trace (NotableSpanProcessor).
            activity.SetTag(YeKuo.ServiceDefaults.Telemetry.NotableSpanProcessor.HandoffSecondsTag, s);
        }
    }

    /// <summary>Tags a span that consumes <paramref name="message"/> with its application, step and the two departments.</summary>
    public static void Tag(Activity activity, object message)
    {
        if (message is IApplicationEvent application)
        {
            activity.SetTag("yekuo.application.id", application.ApplicationId.ToString());
        }
        if (message is IStepEvent step)
        {
            activity.SetTag("yekuo.step", step.Step.ToString());
        }
        activity.SetTag("yekuo.department.from", SenderOf(message));
        activity.SetTag("yekuo.department.to", ReceivingDepartment);
    }

    /// <summary>
    /// The messages of a batch (<see cref="Inbox.IdempotentBatchConsumer{TMessage, TContext}"/>) commit under one span:
    /// each handoff is measured on its own; the batch's span carries its size and its slowest handoff, so a slow one still
    /// keeps it (each message's own span is tagged as it arrives, <see cref="Inbox.BatchConsumerRegistration"/>, and its
    /// handling runs in it, <see cref="Inbox.MessageSpan"/>).
    /// </summary>
    public static void RecordBatch<TMessage>(IReadOnlyCollection<ConsumeContext<TMessage>> messages, DateTimeOffset consumedAt)
        where TMessage : class
    {
        double? slowest = null;
        foreach (var context in messages)
        {
            if (Measure(context, consumedAt) is { } seconds && seconds > (slowest ?? -1))
            {
                slowest = seconds;
            }
        }
        if (Activity.Current is not { } activity)
        {
            return;
        }
        activity.SetTag("messaging.batch.message_count", messages.Count);
        activity.SetTag("yekuo.department.to", ReceivingDepartment);
        if (slowest is { } s)
        {
            activity.SetTag(YeKuo.ServiceDefaults.Telemetry.NotableSpanProcessor.HandoffSecondsTag, s);
        }
    }

    /// <summary>Records <c>yekuo.handoff.duration</c> for one consumed message; its seconds, when the message says when it was sent.</summary>
    private static double? Measure<TMessage>(ConsumeContext<TMessage> context, DateTimeOffset consumedAt)
        where TMessage : class
    {
        if (context.SentTime is not { } sent)
        {
            return null;
        }
        var message = context.Message;
        var seconds = Math.Max(0, (consumedAt - new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc))).TotalSeconds);
        HandoffDuration.Record(seconds,
            new KeyValuePair<string, object?>("yekuo.department.from", SenderOf(message)),
            new KeyValuePair<string, object?>("yekuo.department.to", ReceivingDepartment),
            new KeyValuePair<string, object?>("yekuo.step", (message as IStepEvent)?.Step.ToString() ?? ""),
            new KeyValuePair<string, object?>("yekuo.message.type", typeof(TMessage).Name),
            new KeyValuePair<string, object?>("yekuo.customer_class", CustomerClassOf(message)));
        return seconds;
    }

    private static string SenderOf(object message) =>
        message is IStepEvent step ? step.Department.ToString() : message is IApplicationEvent ? Department.Acceptance.ToString() : "unknown";

    /// <summary>
    /// Tags the sending side of a handoff (the outbox relay's span, whose MassTransit publish span inherits the tags):
    /// application, step, the sending department and the department expected to act next (the owner of the plan's next
    /// step for <see cref="Contracts.Events.StepCompleted"/>, Acceptance's timeline for work-item events).
    /// </summary>
    public static void TagProducer(Activity? activity, object message)
    {
        if (activity is null)
        {
            return;
        }
        if (message is IApplicationEvent application)
        {
            activity.SetTag("yekuo.application.id", application.ApplicationId.ToString());
        }
        var from = message is IStepEvent step ? step.Department.ToString() : message is IApplicationEvent ? Department.Acceptance.ToString() : null;
        if (from is null)
        {
            return;
        }
        activity.SetTag("yekuo.department.from", from);
        if (message is IStepEvent stepEvent)
        {
            activity.SetTag("yekuo.step", stepEvent.Step.ToString());
        }
        var to = message switch
        {
            Contracts.Events.StepCompleted completed => Plans.OpensAfter(completed.Plan, completed.Step, completed.Outcome) is { } next
                ? StepCatalogue.Of(next).Responsible.ToString()
                : "*",
            IStepEvent => Department.Acceptance.ToString(),
            _ => "*",
        };
        activity.SetTag("yekuo.department.to", to);
    }

    private static string CustomerClassOf(object message) => message switch
    {
        Contracts.Events.StepCompleted s => s.CustomerClass.ToString(),
        Contracts.Events.ApplicationAccepted a => a.CustomerClass.ToString(),
        Contracts.Events.ApplicationSubmitted a => a.CustomerClass.ToString(),
        _ => "",
    };

    /// <summary>The department a service name stands for ("supplyscheme" → SupplyScheme).</summary>
    internal static string DepartmentOf(string serviceName) =>
        Enum.TryParse<Department>(serviceName, ignoreCase: true, out var department) ? department.ToString() : serviceName;
}
