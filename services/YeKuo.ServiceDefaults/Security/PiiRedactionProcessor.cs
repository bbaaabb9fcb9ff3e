using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace YeKuo.ServiceDefaults.Security;

/// <summary>
/// Masks identity numbers (居民身份证号, 统一社会信用代码) and mobile numbers in every span's tags before export, whatever
/// put them there (a query string, an exception message): all but the first 3 and last 4 characters become '*'.
/// Nothing in YeKuo tags them on purpose; this is the net under that rule (docs/security.md).
/// </summary>
public sealed partial class PiiRedactionProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        if (!activity.Recorded)
        {
            // Not exported: nothing leaves the process.
            return;
        }
        List<KeyValuePair<string, string>>? changes = null;
        foreach (var tag in activity.TagObjects)
        {
            if (tag.Value is string text && Mask(text) is var masked && !ReferenceEquals(masked, text))
            {
                (changes ??= []).Add(new(tag.Key, masked));
            }
        }
        if (changes is not null)
        {
            foreach (var (key, value) in changes)
            {
                activity.SetTag(key, value);
            }
        }
        if (activity.StatusDescription is { } description && Mask(description) is var status && !ReferenceEquals(status, description))
        {
            activity.SetStatus(activity.Status, status);
        }
    }

    /// <summary>The text with every identity or mobile number masked (the same instance when there is none).</summary>
    public static string Mask(string text) =>
        text.Length < 11 || !Pii().IsMatch(text)
            ? text
            : Pii().Replace(text, m => m.Value[..3] + new string('*', m.Value.Length - 7) + m.Value[^4..]);

    // 18-character 身份证号 / 统一社会信用代码, or an 11-digit mainland mobile number, not inside a longer token.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}|\d{17}[\dXx]|1[3-9]\d{9})(?![0-9A-Za-z])")]
    private static partial Regex Pii();
}
