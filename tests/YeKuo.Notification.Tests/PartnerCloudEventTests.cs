using System.Text;
using System.Text.Json;
using NJsonSchema;
using YeKuo.Contracts;
using YeKuo.Contracts.Events;
using YeKuo.Contracts.Fees;
using YeKuo.Contracts.Outcomes;
using YeKuo.Messaging;
using YeKuo.Messaging.PartnerEvents;
using YeKuo.Tests.Support;

namespace YeKuo.Notification.Tests;

/// <summary>
/// Partner CloudEvents are written with the CNCF SDK (<see cref="PartnerCloudEvents"/>) instead of the hand-built JSON
/// the services wrote before; partners must not see a difference. For every event type, the SDK's body is compared with
/// the previous writer's, kept here as the reference: the same members with the same values, <c>data</c> byte for byte,
/// and valid against the published schema (docs/events). Two differences are JSON-equivalent and deliberate: <c>time</c>
/// is the same instant in RFC 3339's <c>Z</c> form (the old writer wrote <c>+00:00</c>, escaped as <c>\u002B00:00</c>),
/// and <c>traceparent</c> comes before <c>data</c>.
/// </summary>
public sealed class PartnerCloudEventTests
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    public static IEnumerable<object[]> EveryType()
    {
        var events = new Events();
        object[] internalEvents =
        [
            events.Accepted("cm-zhang"),
            events.StepCompleted(Step.SiteSurvey),
            events.StepCompleted(Step.SchemeReply, outcome: new SchemeReplyOutcome(10, 1, 800, MeteringMethod.HighSupplyHighMetering, "10kV 单电源供电")),
            events.StepCompleted(Step.CompletionAcceptance, outcome: TestOutcomes.Passed),
            events.StepCompleted(Step.CompletionReport, outcome: TestOutcomes.For(Step.CompletionReport)),
            events.PowerConnected("M-0001"),
            events.Withdrawn("项目取消"),
            events.Rejected("资料不全"),
            new ChargesAssessed(events.ApplicationId, events.ApplicationNumber, events.CustomerId, CustomerClass.HighVoltageSingleSource,
                ApplicationKind.NewConnection, "YK-FEE-2024", 1,
                [new ChargeLine("MeteringDevice", "计量装置费", ChargeBasis.PerMeter, 1, 2500m, 2500m, "the company's configuration", true)], 2500m, Events.At),
            new ChargesPaid(Guid.NewGuid(), events.ApplicationId, events.ApplicationNumber, events.CustomerId, 1, [new ItemAmount("MeteringDevice", 2500m)],
                2500m, PaymentChannel.Online, events.CustomerId, 0m, Events.At),
            new ChargesRefunded(Guid.NewGuid(), events.ApplicationId, events.ApplicationNumber, events.CustomerId, [new ItemAmount("MeteringDevice", 2500m)],
                2500m, "客户撤回: 项目取消", Events.At),
        ];
        return internalEvents.SelectMany(PartnerEventMapper.Map).Select(e => new object[] { e.Type, e });
    }

    [Fact]
    public void Every_partner_event_type_is_compared()
    {
        Assert.Equal(PartnerEventMapper.Types.Order(), EveryType().Select(e => (string)e[0]).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public async Task The_SDK_writes_a_partner_event_as_the_hand_built_writer_did(string type, PartnerEvent partnerEvent)
    {
        var id = $"{Guid.NewGuid()}/{type}";
        var old = PreviousWriter(partnerEvent, id, TraceParent, "/yekuo/supplyscheme");
        var sdk = PartnerCloudEvents.Encode(partnerEvent, id, TraceParent, "/yekuo/supplyscheme").ToArray();

        using var oldJson = JsonDocument.Parse(old);
        using var sdkJson = JsonDocument.Parse(sdk);
        var oldMembers = oldJson.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        var sdkMembers = sdkJson.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(oldMembers.Keys.Order(), sdkMembers.Keys.Order());

        // data, what partners act on: the same bytes.
        Assert.Equal(oldMembers["data"].GetRawText(), sdkMembers["data"].GetRawText());
        foreach (var name in oldMembers.Keys.Except(["data", "time"]))
        {
            Assert.Equal(oldMembers[name].GetRawText(), sdkMembers[name].GetRawText());
        }
        Assert.Equal(oldMembers["time"].GetDateTimeOffset(), sdkMembers["time"].GetDateTimeOffset());
        Assert.EndsWith("Z", sdkMembers["time"].GetString());

        // Valid against the published contract, and read back by the SDK as it was written.
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "events", $"{type}.schema.json"));
        var errors = schema.Validate(Encoding.UTF8.GetString(sdk));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var decoded = PartnerCloudEvents.Decode(sdk);
        Assert.Equal((type, id, partnerEvent.Subject, partnerEvent.Time), (decoded.Type, decoded.Id, decoded.Subject, decoded.Time));
        Assert.Equal(TraceParent, decoded[PartnerCloudEvents.TraceParent]);
    }

    /// <summary>The hand-built writer partner events had until the SDK took over (CloudEventPublisher.ToCloudEvent), verbatim.</summary>
    private static byte[] PreviousWriter(PartnerEvent partnerEvent, string id, string? traceParent, string source)
    {
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = partnerEvent.Type,
            ["subject"] = partnerEvent.Subject,
            ["time"] = partnerEvent.Time.ToUniversalTime(),
            ["datacontenttype"] = "application/json",
            ["data"] = partnerEvent.Data,
        };
        if (traceParent is not null)
        {
            cloudEvent["traceparent"] = traceParent;
        }
        return JsonSerializer.SerializeToUtf8Bytes(cloudEvent, MessageJson.Options);
    }
}
