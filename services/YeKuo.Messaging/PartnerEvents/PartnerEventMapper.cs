using System.Globalization;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Outcomes;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Which internal events partners see, and in what shape. Types are versioned (<c>.v1</c>): v1 only grows by
/// additive fields; a breaking change is published as <c>.v2</c> side by side. Data never carries ID numbers, phone
/// numbers, names or addresses. <c>step.completed.v2</c> (the step's typed outcome, who acted, its clock) is published
/// beside <c>step.completed.v1</c> since the internal event's outcome became typed; v1 is kept unchanged until retired.
/// </summary>
public static class PartnerEventMapper
{
    public const string Prefix = "cn.yekuo.";

    public static readonly IReadOnlyList<string> Types =
    [
        "cn.yekuo.application.accepted.v1",
        "cn.yekuo.step.completed.v1",
        "cn.yekuo.step.completed.v2",
        "cn.yekuo.scheme.replied.v1",
        "cn.yekuo.completion.accepted.v1",
        "cn.yekuo.power.connected.v1",
        "cn.yekuo.application.cancelled.v1",
        "cn.yekuo.charges.assessed.v1",
        "cn.yekuo.charges.paid.v1",
        "cn.yekuo.charges.refunded.v1",
    ];

    /// <summary>
    /// The CloudEvents <c>id</c> of a partner event: the internal event's message id and the type, the same whoever
    /// publishes it (the exchange, a webhook) and however often.
    /// </summary>
    public static string IdOf(Guid messageId, PartnerEvent partnerEvent) => $"{messageId}/{partnerEvent.Type}";

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
            // Added in v1 (additive): the kind of application and a temporary supply's last day.
            kind = a.Kind.ToString(),
            temporaryUntil = a.TemporaryUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
        // 收费: what the tariff charges, each item with its basis; payments and refunds by item (no names, no free text).
        ChargesAssessed c => [new PartnerEvent("cn.yekuo.charges.assessed.v1", c.ApplicationNumber, c.AssessedAt, new
        {
            applicationNumber = c.ApplicationNumber,
            tariffVersion = c.TariffVersion,
            revision = c.Revision,
            items = c.Items.Select(i => new { item = i.Item, name = i.Name, basis = i.Basis.ToString(), quantity = i.Quantity, unitAmount = i.UnitAmount, amount = i.Amount }).ToArray(),
            total = c.Total,
            assessedAt = c.AssessedAt,
        })],
        ChargesPaid p => [new PartnerEvent("cn.yekuo.charges.paid.v1", p.ApplicationNumber, p.PaidAt, new
        {
            applicationNumber = p.ApplicationNumber,
            revision = p.Revision,
            items = p.Items.Select(i => new { item = i.Item, amount = i.Amount }).ToArray(),
            amount = p.Amount,
            channel = p.Channel.ToString(),
            paidAt = p.PaidAt,
        })],
        ChargesRefunded r => [new PartnerEvent("cn.yekuo.charges.refunded.v1", r.ApplicationNumber, r.RefundedAt, new
        {
            applicationNumber = r.ApplicationNumber,
            items = r.Items.Select(i => new { item = i.Item, amount = i.Amount }).ToArray(),
            amount = r.Amount,
            refundedAt = r.RefundedAt,
        })],
        _ => [],
    };

    private static IEnumerable<PartnerEvent> StepEvents(StepCompleted s)
    {
        var passed = s.Outcome is not InspectionOutcome { Passed: false };
        var definition = StepCatalogue.Of(s.Step);
        yield return new PartnerEvent("cn.yekuo.step.completed.v2", s.ApplicationNumber, s.CompletedAt, new
        {
            applicationNumber = s.ApplicationNumber,
            step = s.Step.ToString(),
            stepName = definition.ChineseName,
            department = definition.Department.ToString(),
            actedBy = definition.ActedBy.ToString(),
            round = s.Round,
            movesOn = s.Outcome?.MovesOn ?? true,
            openedAt = s.OpenedAt,
            clockStartedAt = s.ClockStartedAt,
            dueAt = s.DueAt,
            completedAt = s.CompletedAt,
            outcome = OutcomeOf(s.Outcome),
        });
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
                // v1 carried the scheme as the strings of the old outcome dictionary; kept so for v1 partners.
                voltageKv = (s.Outcome as SchemeReplyOutcome)?.VoltageKv.ToString(CultureInfo.InvariantCulture),
                sourceCount = (s.Outcome as SchemeReplyOutcome)?.SourceCount.ToString(CultureInfo.InvariantCulture),
                capacityKva = (s.Outcome as SchemeReplyOutcome)?.CapacityKva.ToString(CultureInfo.InvariantCulture),
                meteringMethod = (s.Outcome as SchemeReplyOutcome)?.MeteringMethod.ToString(),
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

    /// <summary>
    /// The partner's view of a typed outcome, by family: facts a partner may act on, never free text that could name or
    /// locate someone (勘查 findings, remarks, comments stay inside).
    /// </summary>
    private static object? OutcomeOf(StepOutcome? outcome) => outcome switch
    {
        AcceptanceOutcome => new { family = "acceptance" },
        SiteSurveyOutcome survey => new { family = "siteSurvey", gridCapacityAvailable = survey.GridCapacityAvailable },
        SchemeReplyOutcome scheme => new
        {
            family = "schemeReply",
            voltageKv = scheme.VoltageKv,
            sourceCount = scheme.SourceCount,
            capacityKva = scheme.CapacityKva,
            meteringMethod = scheme.MeteringMethod.ToString(),
        },
        SchemeConfirmationOutcome confirmation => new { family = "schemeConfirmation", confirmed = confirmation.Confirmed },
        InspectionOutcome inspection => new { family = "inspection", passed = inspection.Passed, defects = inspection.Defects },
        SupplyContractOutcome contract => new { family = "supplyContract", signedOn = contract.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        PowerConnectionOutcome connection => new { family = "powerConnection", meterNumber = connection.MeterNumber },
        CustomerRequestOutcome request => new
        {
            family = "customerRequest",
            contractor = request.Contractor,
            documents = request.Documents,
            rectified = request.Rectification is not null,
        },
        _ => null,
    };

    private static PartnerEvent Cancelled(string number, string reason, DateTimeOffset at) =>
        new("cn.yekuo.application.cancelled.v1", number, at, new { applicationNumber = number, reason, cancelledAt = at });
}
