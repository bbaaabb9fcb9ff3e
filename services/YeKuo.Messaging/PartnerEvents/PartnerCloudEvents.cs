using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace YeKuo.Messaging.PartnerEvents;

/// <summary>
/// Partner events as CloudEvents 1.0 in structured JSON mode, written with the CNCF SDK: the same envelope on the
/// <c>yekuo.events</c> exchange and in webhooks. <c>data</c> is written with <see cref="MessageJson.Options"/>, as every
/// stored message is; <c>time</c> in the SDK's RFC 3339 form (UTC as <c>Z</c>).
/// </summary>
public static class PartnerCloudEvents
{
    public const string ContentType = "application/cloudevents+json";

    private const string DataContentType = "application/json";

    /// <summary>The CloudEvents distributed-tracing extension: the W3C <c>traceparent</c> of the action that caused the event.</summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new(MessageJson.Options, new JsonDocumentOptions());

    /// <param name="id">Stable per event (derived from the outbox message id) so a re-publish is recognisable.</param>
    /// <param name="traceParent">The W3C trace of the action that caused it (CloudEvents distributed-tracing extension).</param>
    /// <param name="source">The publishing service, <c>/yekuo/&lt;service&gt;</c>.</param>
    public static CloudEvent Create(PartnerEvent partnerEvent, string id, string? traceParent, string source)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = partnerEvent.Type,
            Subject = partnerEvent.Subject,
            Time = partnerEvent.Time.ToUniversalTime(),
            DataContentType = DataContentType,
            Data = partnerEvent.Data,
        };
        if (traceParent is not null)
        {
            // Partners continue our trace.
            cloudEvent[TraceParent] = traceParent;
        }
        return cloudEvent;
    }

    /// <summary>The structured-mode body (UTF-8 JSON).</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) => Formatter.EncodeStructuredModeMessage(cloudEvent, out _);

    public static ReadOnlyMemory<byte> Encode(PartnerEvent partnerEvent, string id, string? traceParent, string source) =>
        Encode(Create(partnerEvent, id, traceParent, source));

    /// <summary>Reads a structured-mode body back (what a partner with the SDK does).</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(ContentType), [TraceParent]);
}
