using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One time-limit document (时限规定) in force from <see cref="EffectiveFrom"/>. An application stores
/// <see cref="Version"/> at acceptance and is judged by that document for its whole life.
/// </summary>
public sealed class TimeLimitPolicy
{
    private readonly Dictionary<CustomerClass, CustomerClassProfile> _profiles;
    private readonly Dictionary<(CustomerClass, Step), StepTimeLimit> _limits;

    public TimeLimitPolicy(
        string id,
        string title,
        DateOnly effectiveFrom,
        IEnumerable<CustomerClassProfile> profiles,
        IEnumerable<StepTimeLimit> limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        Title = title;
        EffectiveFrom = effectiveFrom;
        _profiles = profiles.ToDictionary(p => p.Class);
        _limits = limits.ToDictionary(l => (l.Class, l.Step));
        Validate();
    }

    public string Id { get; }

    public string Title { get; }

    public DateOnly EffectiveFrom { get; }

    /// <summary>The value an application keeps to stay on the rules it was accepted under (the document id).</summary>
    public string Version => Id;

    public IReadOnlyCollection<CustomerClassProfile> Profiles => _profiles.Values;

    public CustomerClassProfile ProfileFor(CustomerClass customerClass) =>
        _profiles.TryGetValue(customerClass, out var p)
            ? p
            : throw new ArgumentException($"Document {Id} has no rules for class {customerClass}.", nameof(customerClass));

    /// <summary>The class's steps in process order.</summary>
    public IReadOnlyList<Step> StepsFor(CustomerClass customerClass) => ProfileFor(customerClass).Steps;

    /// <exception cref="ArgumentException">The step is not in the class's step set.</exception>
    public StepTimeLimit LimitFor(CustomerClass customerClass, Step step) =>
        _limits.TryGetValue((customerClass, step), out var l)
            ? l
            : throw new ArgumentException($"Step {step} is not in the step set of {customerClass} in document {Id}.", nameof(step));

    /// <summary>The clock a step runs on: its own, or the one it shares.</summary>
    public ClockGroup ClockFor(CustomerClass customerClass, Step step)
    {
        var limit = LimitFor(customerClass, step);
        if (limit.IsCustomerTime)
            throw new ArgumentException($"Step {step} is customer time and runs on no department clock.", nameof(step));
        var owner = limit.SharesClockWith ?? step;
        return ClocksFor(customerClass).Single(c => c.Owner == owner);
    }

    /// <summary>The department clocks of a class in process order (customer-time steps have none).</summary>
    public IReadOnlyList<ClockGroup> ClocksFor(CustomerClass customerClass)
    {
        var steps = StepsFor(customerClass);
        return steps
            .Select(s => _limits[(customerClass, s)])
            .Where(l => l.HasOwnClock)
            .Select(l => new ClockGroup(
                customerClass,
                l.Step,
                steps.Where(s => s == l.Step || _limits[(customerClass, s)].SharesClockWith == l.Step).ToArray(),
                l.LimitWorkingDays!.Value,
                l.Judged,
                l.IsDefault))
            .ToArray();
    }

    // Data errors surface when the book loads, not when an application first hits a bad rule.
    private void Validate()
    {
        foreach (var c in Enum.GetValues<CustomerClass>())
        {
            if (!_profiles.TryGetValue(c, out var profile))
                throw new ArgumentException($"Document {Id} has no rules for class {c}.");
            if (profile.Steps.Count == 0 || profile.Steps[0] != Step.Acceptance || profile.Steps.Distinct().Count() != profile.Steps.Count)
                throw new ArgumentException($"Document {Id}, {c}: the step set must start with Acceptance and list each step once.");
            foreach (var s in profile.Steps)
            {
                if (!_limits.TryGetValue((c, s), out var l))
                    throw new ArgumentException($"Document {Id}, {c}: step {s} has no rule.");
                ValidateRule(profile, l);
            }
        }

        if (_limits.Keys.Any(k => !_profiles[k.Item1].Steps.Contains(k.Item2)))
            throw new ArgumentException($"Document {Id} has a rule for a step outside its class's step set.");
    }

    private void ValidateRule(CustomerClassProfile profile, StepTimeLimit l)
    {
        var where = $"Document {Id}, {l.Class}, {l.Step}";
        var kinds = (l.LimitWorkingDays is null ? 0 : 1) + (l.SharesClockWith is null ? 0 : 1) + (l.IsCustomerTime ? 1 : 0);
        if (kinds != 1)
            throw new ArgumentException($"{where}: exactly one of a limit, a shared clock or customer time is required.");
        if (l.LimitWorkingDays is < 1 or > 1000)
            throw new ArgumentException($"{where}: the limit must be 1..1000 working days.");
        if (l.IsCustomerTime && l.Judged)
            throw new ArgumentException($"{where}: customer time cannot be judged.");
        if (l.IsCustomerTime != StepCatalogue.Of(l.Step).IsCustomerStep)
            throw new ArgumentException($"{where}: the step catalogue says the customer {(l.IsCustomerTime ? "does not act" : "acts")} on this step.");
        if (l.SharesClockWith is { } owner)
        {
            if (!profile.Steps.Contains(owner) || _limits.GetValueOrDefault((l.Class, owner)) is not { HasOwnClock: true } ownerRule)
                throw new ArgumentException($"{where}: shares the clock of {owner}, which has no own limit in this class.");
            if (ownerRule.Judged != l.Judged)
                throw new ArgumentException($"{where}: a step sharing a clock is judged exactly as the clock's owner.");
        }
    }
}
