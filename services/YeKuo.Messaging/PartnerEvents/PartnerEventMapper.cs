using YeKuo.Contracts;
using YeKuo.Contracts.Events;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Which internal events partners see, and in what shape. Types are versioned (<c>.v1</c>): v1 only grows by
/// additive fields; a breaking change is published as <c>.v2</c> side by side. Data never carries ID numbers, phone
/// numbers, names or addresses.
/// </summary>
public static class PartnerEventMapper
{
    public const string Prefix = "cn.yekuo.";

    public static readonly IReadOnlyList<string> Types =
    [
        "cn.yekuo.application.accepted.v1",
        "cn.yekuo.step.completed.v1",
        "cn.yekuo.scheme.replied.v1",
        "cn.yekuo.completion.accepted.v1",
        "cn.yekuo.power.connected.v1",
        "cn.yekuo.application.cancelled.v1",
    ];

    public static IEnumerable<PartnerEvent> Map(object message) => message switch
    {
        ApplicationAccepted a => [new PartnerEvent("cn.yekuo.application.accepted.v1", a.ApplicationNumber, a.AcceptedAt, new
        {
            applicationNumber = a.ApplicationNumber,
            customerClass = a.CustomerClass.ToString(),
            capacityKva = a.CapacityKva,
            voltageKv = a.VoltageKv,
            sourceCount = a.SourceCount,
            policyVersion = a.PolicyVersion,
            plan = a.Plan.Select(s => s.ToString()).ToArray(),
            acceptedAt = a.AcceptedAt,
        })],
        StepCompleted s => StepEvents(s),
        PowerConnected p => [new PartnerEvent("cn.yekuo.power.connected.v1", p.ApplicationNumber, p.ConnectedAt, new
        {
            applicationNumber = p.ApplicationNumber,
            meterNumber = p.MeterNumber,
            connectedAt = p.ConnectedAt,
        })],
        ApplicationWithdrawn w => [Cancelled(w.ApplicationNumber, "withdrawn", w.WithdrawnAt)],
        ApplicationRejected r => [Cancelled(r.ApplicationNumber, "rejected", r.RejectedAt)],
        _ => [],
    };

    private static IEnumerable<PartnerEvent> StepEvents(StepCompleted s)
    {
        var passed = !s.Outcome.TryGetValue("passed", out var value) || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
        yield return new PartnerEvent("cn.yekuo.step.completed.v1", s.ApplicationNumber, s.CompletedAt, new
        {
            applicationNumber = s.ApplicationNumber,
            step = s.Step.ToString(),
            department = s.Department.ToString(),
            round = s.Round,
            passed,
            openedAt = s.OpenedAt,
            completedAt = s.CompletedAt,
            dueAt = s.DueAt,
        });

        if (s.Step == Step.SchemeReply)
        {
            yield return new PartnerEvent("cn.yekuo.scheme.replied.v1", s.ApplicationNumber, s.CompletedAt, new
            {
                applicationNumber = s.ApplicationNumber,
                round = s.Round,
                voltageKv = s.Outcome.GetValueOrDefault("voltageKv"),
                sourceCount = s.Outcome.GetValueOrDefault("sourceCount"),
                capacityKva = s.Outcome.GetValueOrDefault("capacityKva"),
                meteringMethod = s.Outcome.GetValueOrDefault("meteringMethod"),
                repliedAt = s.CompletedAt,
            });
        }
        else if (s.Step == Step.CompletionAcceptance && passed)
        {
            yield return new PartnerEvent("cn.yekuo.completion.accepted.v1", s.ApplicationNumber, s.CompletedAt, new
            {
                applicationNumber = s.ApplicationNumber,
                round = s.Round,
                acceptedAt = s.CompletedAt,
            });
        }
    }

    private static PartnerEvent Cancelled(string number, string reason, DateTimeOffset at) =>
        new("cn.yekuo.application.cancelled.v1", number, at, new { applicationNumber = number, reason, cancelledAt = at });
}
