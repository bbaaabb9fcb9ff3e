using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Fees;

/// <summary>
/// Every version of the tariff, by effective date (tariff.json, embedded). Charges are data, never constants in code: a
/// new tariff is a new version, and charges assessed under an older one keep its id.
/// </summary>
public sealed class TariffBook
{
    private const string ResourceName = "YeKuo.Workflow.Fees.tariff.json";

    private static readonly Lazy<TariffBook> Default = new(() =>
    {
        using var stream = typeof(TariffBook).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return new TariffBook(TariffDataReader.Parse(reader.ReadToEnd()), TimeLimitPolicyBook.LoadDefault());
    });

    /// <param name="policies">The time-limit documents: which classes are 三零 is theirs to say; no item may charge one.</param>
    public TariffBook(IEnumerable<Tariff> versions, TimeLimitPolicyBook policies)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(policies);
        Versions = versions.OrderBy(v => v.EffectiveFrom).ToArray();
        if (Versions.Count == 0)
            throw new ArgumentException("At least one tariff version is required.", nameof(versions));
        if (Versions.Select(v => v.Id).Distinct().Count() != Versions.Count)
            throw new ArgumentException("Tariff ids must be unique: they are the stored version.", nameof(versions));
        if (Versions.Select(v => v.EffectiveFrom).Distinct().Count() != Versions.Count)
            throw new ArgumentException("Two tariff versions take effect on the same day; which one applies would be ambiguous.", nameof(versions));
        for (var i = 0; i + 1 < Versions.Count; i++)
        {
            if (Versions[i].EffectiveTo is { } end && end.AddDays(1) != Versions[i + 1].EffectiveFrom)
                throw new ArgumentException(
                    $"Tariff {Versions[i].Id} ends {end:yyyy-MM-dd} but {Versions[i + 1].Id} takes effect {Versions[i + 1].EffectiveFrom:yyyy-MM-dd}.",
                    nameof(versions));
        }
        foreach (var version in Versions)
        {
            if (version.Items.Select(i => i.Code).Distinct().Count() != version.Items.Count)
                throw new ArgumentException($"Tariff {version.Id} lists an item twice.", nameof(versions));
            var zeroService = policies.Policies.SelectMany(p => p.Profiles).Where(p => p.ZeroService).Select(p => p.Class).ToHashSet();
            if (version.Items.FirstOrDefault(i => i.Classes.Any(zeroService.Contains)) is { } free)
                throw new ArgumentException($"Tariff {version.Id}, {free.Code}: charges a 三零 class ({string.Join(", ", free.Classes.Where(zeroService.Contains))}), which pays nothing.", nameof(versions));
        }
    }

    /// <summary>The embedded tariff (parsed once per process).</summary>
    public static TariffBook LoadDefault() => Default.Value;

    /// <summary>Versions ordered by effective date, oldest first.</summary>
    public IReadOnlyList<Tariff> Versions { get; }

    /// <summary>The version in force on <paramref name="day"/> (the day of the scheme reply).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No version was in force on that day.</exception>
    public Tariff ForDate(DateOnly day) =>
        Versions.LastOrDefault(v => v.EffectiveFrom <= day) is { } version && (version.EffectiveTo is not { } end || day <= end)
            ? version
            : throw new ArgumentOutOfRangeException(nameof(day), day,
                $"No tariff was in force on {day:yyyy-MM-dd}; the earliest takes effect {Versions[0].EffectiveFrom:yyyy-MM-dd}.");

    /// <summary>The version charges were assessed under.</summary>
    public Tariff ForVersion(string id) =>
        Versions.SingleOrDefault(v => v.Id == id) ?? throw new ArgumentException($"Unknown tariff version '{id}'.", nameof(id));
}
