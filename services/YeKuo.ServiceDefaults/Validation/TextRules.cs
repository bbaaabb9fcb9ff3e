using System.Globalization;
using System.Text;

namespace YeKuo.ServiceDefaults.Validation;

/// <summary>
/// Which characters text from outside may hold. Names, addresses and identifiers are one line of visible text: no
/// control characters (NUL, BEL, line breaks), no format characters (the bidirectional overrides and isolates that
/// make text display in another order than it is stored, zero-width spaces and joiners, byte-order marks), no line or
/// paragraph separators, no unpaired surrogates or noncharacters. Free text (reasons, remarks, comments) may also
/// break lines and tab, and join emoji, but never reorder itself or hide controls.
/// </summary>
public static class TextRules
{
    /// <summary>Why <paramref name="text"/> is not one line of visible text, or null when it is.</summary>
    public static string? SingleLineProblem(string text) => FirstForbidden(text, multiline: false);

    /// <summary>Why <paramref name="text"/> is not acceptable free text, or null when it is.</summary>
    public static string? FreeTextProblem(string text) => FirstForbidden(text, multiline: true);

    private static string? FirstForbidden(string text, bool multiline)
    {
        foreach (var rune in Enumerate(text))
        {
            if (rune is null)
            {
                return "an unpaired surrogate (not valid Unicode text)";
            }
            var value = rune.Value;
            var category = Rune.GetUnicodeCategory(value);
            if (category == UnicodeCategory.Control)
            {
                if (multiline && value.Value is '\n' or '\r' or '\t')
                {
                    continue;
                }
                return $"the control character U+{value.Value:X4}";
            }
            if (category == UnicodeCategory.Format)
            {
                // Free text keeps the zero-width joiner of emoji sequences; nothing else invisible is needed anywhere.
                if (multiline && value.Value == 0x200D)
                {
                    continue;
                }
                return IsBidiControl(value.Value)
                    ? $"the bidirectional control U+{value.Value:X4}"
                    : $"the invisible format character U+{value.Value:X4}";
            }
            if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator && !multiline)
            {
                return $"the separator U+{value.Value:X4}";
            }
            if ((value.Value & 0xFFFE) == 0xFFFE || value.Value is >= 0xFDD0 and <= 0xFDEF)
            {
                return $"the noncharacter U+{value.Value:X4}";
            }
        }
        return null;
    }

    private static bool IsBidiControl(int value) =>
        value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>The text's code points; null for an unpaired surrogate.</summary>
    private static IEnumerable<Rune?> Enumerate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.TryGetRuneAt(text, i, out var rune))
            {
                yield return rune;
                i += rune.Utf16SequenceLength - 1;
            }
            else
            {
                yield return null;
            }
        }
    }
}
