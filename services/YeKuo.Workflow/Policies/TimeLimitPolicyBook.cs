namespace YeKuo.Workflow.Policies;

/// <summary>
/// All time-limit documents, by effective date. Rules are data (time-limits.json), never constants in code:
/// a new document is a data change, and old applications keep the version they were accepted under.
/// </summary>
public sealed class TimeLimitPolicyBook
{
    private const string ResourceName = "YeKuo.Workflow.Policies.time-limits.json";

    private static readonly Lazy<TimeLimitPolicyBook> Default = new(() =>
    {
        using var stream = typeof(TimeLimitPolicyBook).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return new TimeLimitPolicyBook(TimeLimitDataReader.Parse(reader.ReadToEnd()));
    });

    public TimeLimitPolicyBook(IEnumerable<TimeLimitPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        Policies = policies.OrderBy(p => p.EffectiveFrom).ToArray();
        if (Policies.Count == 0)
            throw new ArgumentException("At least one time-limit document is required.", nameof(policies));
        if (Policies.Select(p => p.EffectiveFrom).Distinct().Count() != Policies.Count)
            throw new ArgumentException("Two documents take effect on the same day; which one applies would be ambiguous.", nameof(policies));
        if (Policies.Select(p => p.Id).Distinct().Count() != Policies.Count)
            throw new ArgumentException("Document ids must be unique: they are the stored version.", nameof(policies));
        for (var i = 0; i + 1 < Policies.Count; i++)
        {
            // A document that says when it ends hands over to the next the day after: no day without rules, no day with two.
            if (Policies[i].EffectiveTo is { } end && end.AddDays(1) != Policies[i + 1].EffectiveFrom)
                throw new ArgumentException(
                    $"Document {Policies[i].Id} ends {end:yyyy-MM-dd} but {Policies[i + 1].Id} takes effect {Policies[i + 1].EffectiveFrom:yyyy-MM-dd}.",
                    nameof(policies));
        }
    }

    /// <summary>The embedded documents (parsed once per process).</summary>
    public static TimeLimitPolicyBook LoadDefault() => Default.Value;

    /// <summary>Documents ordered by effective date, oldest first.</summary>
    public IReadOnlyList<TimeLimitPolicy> Policies { get; }

    /// <summary>The document in force on the acceptance day: the latest one effective on or before it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No document was in force yet on that day.</exception>
    public TimeLimitPolicy ForDate(DateOnly accepted) =>
        Policies.LastOrDefault(p => p.EffectiveFrom <= accepted) is { } policy && (policy.EffectiveTo is not { } end || accepted <= end)
            ? policy
            : throw new ArgumentOutOfRangeException(nameof(accepted), accepted,
                $"No time-limit document was in force on {accepted:yyyy-MM-dd}; the earliest takes effect {Policies[0].EffectiveFrom:yyyy-MM-dd}.");

    /// <summary>
    /// The limit for <paramref name="task"/> in force on <paramref name="day"/>: from the latest document effective on or
    /// before that day which sets one (a task recorded on that day keeps it, like an application keeps its version).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No document in force on that day sets a limit for the task.</exception>
    public (TimeLimitPolicy Policy, ServiceTimeLimit Limit) ServiceLimitOn(ServiceTask task, DateOnly day) =>
        Policies.Where(p => p.EffectiveFrom <= day && (p.EffectiveTo is not { } end || day <= end)).Reverse()
            .Select(p => (Policy: p, Limit: p.ServiceLimitFor(task)))
            .FirstOrDefault(x => x.Limit is not null) is ({ } policy, { } limit)
            ? (policy, limit)
            : throw new ArgumentOutOfRangeException(nameof(day), day, $"No time-limit document in force on {day:yyyy-MM-dd} sets a limit for {task}.");

    /// <summary>The document an application accepted under <paramref name="version"/> keeps.</summary>
    public TimeLimitPolicy ForVersion(string version) =>
        Policies.SingleOrDefault(p => p.Version == version)
        ?? throw new ArgumentException($"Unknown time-limit document version '{version}'.", nameof(version));
}
