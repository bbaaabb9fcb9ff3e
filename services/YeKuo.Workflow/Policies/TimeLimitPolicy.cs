using YeKuo.Contracts;

namespace YeKuo.Workflow.Policies;

/// <summary>
/// One time-limit document (时限规定) in force from <see cref="EffectiveFrom"/> (to <see cref="EffectiveTo"/>, when it
/// says). An application stores <see cref="Version"/> at acceptance and is judged by that document for its whole life:
/// its plan (steps per kind, class and voltage), every clock's limit and start, and how it is assessed.
/// </summary>
public sealed class TimeLimitPolicy
{
    private readonly Dictionary<CustomerClass, CustomerClassProfile> _profiles;
    private readonly Dictionary<(CustomerClass, Step), StepTimeLimit> _limits;
    private readonly Dictionary<ApplicationKind, KindRule> _kinds;
    private readonly Dictionary<ServiceTask, ServiceTimeLimit> _serviceLimits;

    public TimeLimitPolicy(
        string id,
        string title,
        DateOnly effectiveFrom,
        DateOnly? effectiveTo,
        IEnumerable<CustomerClassProfile> profiles,
        IEnumerable<StepTimeLimit> limits,
        IEnumerable<KindRule> kinds,
        IEnumerable<ServiceTimeLimit>? serviceLimits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        Title = title;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        _profiles = profiles.ToDictionary(p => p.Class);
        _limits = limits.ToDictionary(l => (l.Class, l.Step));
        _kinds = kinds.ToDictionary(k => k.Kind);
        _serviceLimits = (serviceLimits ?? []).ToDictionary(l => l.Task);
        Validate();
    }

    public string Id { get; }

    public string Title { get; }

    public DateOnly EffectiveFrom { get; }

    /// <summary>The last day the document is in force, when it says; otherwise until the next document.</summary>
    public DateOnly? EffectiveTo { get; }

    /// <summary>The value an application keeps to stay on the rules it was accepted under (the document id).</summary>
    public string Version => Id;

    public IReadOnlyCollection<CustomerClassProfile> Profiles => _profiles.Values;

    public IReadOnlyCollection<KindRule> Kinds => _kinds.Values;

    public CustomerClassProfile ProfileFor(CustomerClass customerClass) =>
        _profiles.TryGetValue(customerClass, out var p)
            ? p
            : throw new ArgumentException($"Document {Id} has no rules for class {customerClass}.", nameof(customerClass));

    public KindRule KindFor(ApplicationKind kind) =>
        _kinds.TryGetValue(kind, out var k)
            ? k
            : throw new ArgumentException($"Document {Id} has no rules for the kind {kind}.", nameof(kind));

    /// <summary>
    /// The ordered steps of an application: the class's step set, less the steps its kind omits and those that apply only
    /// from a higher voltage.
    /// </summary>
    public IReadOnlyList<Step> PlanFor(ApplicationKind kind, CustomerClass customerClass, decimal voltageKv)
    {
        var rule = KindFor(kind);
        return ProfileFor(customerClass).Steps
            .Where(s => !rule.Omits(customerClass, s))
            .Where(s => _limits[(customerClass, s)].MinVoltageKv is not { } min || voltageKv >= min)
            .ToArray();
    }

    /// <summary>The plan of a 新装 of the class at its lowest voltage (steps that apply only from a higher voltage left out).</summary>
    public IReadOnlyList<Step> StepsFor(CustomerClass customerClass) =>
        PlanFor(ApplicationKind.NewConnection, customerClass, ProfileFor(customerClass).Voltage.MinKv ?? 0m);

    /// <exception cref="ArgumentException">The step is not in the class's step set.</exception>
    public StepTimeLimit LimitFor(CustomerClass customerClass, Step step) =>
        _limits.TryGetValue((customerClass, step), out var l)
            ? l
            : throw new ArgumentException($"Step {step} is not in the step set of {customerClass} in document {Id}.", nameof(step));

    /// <summary>The document's rules for customer-service tasks (投诉处理, 回访); an older document may have none.</summary>
    public IReadOnlyCollection<ServiceTimeLimit> ServiceLimits => _serviceLimits.Values;

    /// <summary>The document's limit for <paramref name="task"/>, or null when the document does not set one.</summary>
    public ServiceTimeLimit? ServiceLimitFor(ServiceTask task) => _serviceLimits.GetValueOrDefault(task);

    /// <summary>The step whose clock a department step runs on: its own, the document's shared one, or the catalogue's clock group.</summary>
    public Step ClockOwnerOf(CustomerClass customerClass, Step step)
    {
        var limit = LimitFor(customerClass, step);
        if (limit.IsCustomerTime)
            throw new ArgumentException($"Step {step} is customer time and runs on no department clock.", nameof(step));
        return limit.HasOwnClock ? step : limit.SharesClockWith ?? StepCatalogue.Of(step).ClockGroup ?? step;
    }

    public Assessment AssessmentFor(CustomerClass customerClass) => ProfileFor(customerClass).Assessment;

    /// <summary>Whether the step is judged on its own clock: a node of an each-node assessment (or part of one).</summary>
    public bool IsJudged(CustomerClass customerClass, Step step) =>
        !LimitFor(customerClass, step).IsCustomerTime
        && AssessmentFor(customerClass).Kind == AssessmentKind.EachNode
        && StepCatalogue.Of(ClockOwnerOf(customerClass, step)).Judging == StepJudging.Node;

    /// <summary>The clock a step of <paramref name="plan"/> runs on.</summary>
    public ClockGroup ClockFor(CustomerClass customerClass, Step step, IReadOnlyList<Step> plan)
    {
        var owner = ClockOwnerOf(customerClass, step);
        return ClocksFor(customerClass, plan).Single(c => c.Owner == owner);
    }

    /// <summary>The clock a step runs on in the class's 新装 plan at its lowest voltage.</summary>
    public ClockGroup ClockFor(CustomerClass customerClass, Step step) => ClockFor(customerClass, step, StepsFor(customerClass));

    /// <summary>The department clocks of a plan in process order (customer steps run on none; those inside a clock's span are excluded from it).</summary>
    public IReadOnlyList<ClockGroup> ClocksFor(CustomerClass customerClass, IReadOnlyList<Step> plan) => plan
        .Select(s => _limits[(customerClass, s)])
        .Where(l => l.HasOwnClock)
        .Select(l =>
        {
            var members = plan.Where(s => !_limits[(customerClass, s)].IsCustomerTime && ClockOwnerOf(customerClass, s) == l.Step).ToArray();
            var first = Plans.IndexOf(plan, members[0]);
            var last = Plans.IndexOf(plan, l.Step);
            var excluded = plan.Skip(first).Take(last - first + 1).Where(s => _limits[(customerClass, s)].IsCustomerTime).ToArray();
            return new ClockGroup(customerClass, l.Step, members, excluded, l.LimitWorkingDays!.Value, l.Start!, IsJudged(customerClass, l.Step), l.IsDefault);
        })
        .ToArray();

    /// <summary>The department clocks of the class's 新装 plan at its lowest voltage.</summary>
    public IReadOnlyList<ClockGroup> ClocksFor(CustomerClass customerClass) => ClocksFor(customerClass, StepsFor(customerClass));

    // Data errors surface when the book loads, not when an application first hits a bad rule: every plan the document
    // can produce (each kind, class and voltage band) is checked.
    private void Validate()
    {
        if (EffectiveTo is { } to && to < EffectiveFrom)
            throw new ArgumentException($"Document {Id} ends ({to:yyyy-MM-dd}) before it takes effect ({EffectiveFrom:yyyy-MM-dd}).");
        foreach (var kind in Enum.GetValues<ApplicationKind>())
        {
            if (!_kinds.ContainsKey(kind))
                throw new ArgumentException($"Document {Id} has no rules for the kind {kind}.");
        }
        if (_kinds.Values.FirstOrDefault(k => k.Kind != ApplicationKind.TemporarySupply && k.TemporarySupply is not null) is { } misplaced)
            throw new ArgumentException($"Document {Id}, {misplaced.Kind}: only TemporarySupply has temporary-supply rules.");
        if (_kinds[ApplicationKind.TemporarySupply].TemporarySupply is not { MaxDurationDays: >= 1, ReminderWorkingDaysBefore: >= 0 })
            throw new ArgumentException($"Document {Id}, TemporarySupply: a longest duration (≥ 1 day) and a reminder (≥ 0 working days) are required.");

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
                ValidateRule(l);
            }
            ValidateAssessment(profile);
            foreach (var voltage in VoltageBands(profile))
            {
                foreach (var kind in _kinds.Keys)
                {
                    ValidatePlan(c, kind, voltage, PlanFor(kind, c, voltage));
                }
            }
        }

        if (_limits.Keys.Any(k => !_profiles[k.Item1].Steps.Contains(k.Item2)))
            throw new ArgumentException($"Document {Id} has a rule for a step outside its class's step set.");
        if (_serviceLimits.Values.FirstOrDefault(l => l.LimitWorkingDays is < 1 or > 1000) is { } bad)
            throw new ArgumentException($"Document {Id}, {bad.Task}: the limit must be 1..1000 working days.");
    }

    private void ValidateRule(StepTimeLimit l)
    {
        var where = $"Document {Id}, {l.Class}, {l.Step}";
        if (l.IsCustomerTime)
        {
            if (l.LimitWorkingDays is not null || l.SharesClockWith is not null || l.Start is not null)
                throw new ArgumentException($"{where}: the customer acts on this step (step catalogue); its time has no limit, clock or start.");
            return;
        }
        if (l.LimitWorkingDays is not null && l.SharesClockWith is not null)
            throw new ArgumentException($"{where}: a step has its own limit or shares another step's clock, not both.");
        if (l.LimitWorkingDays is < 1 or > 1000)
            throw new ArgumentException($"{where}: the limit must be 1..1000 working days.");
        if (l.HasOwnClock != l.Start is not null)
            throw new ArgumentException($"{where}: a step with its own clock says when it starts (start), and only such a step.");
        if (!l.HasOwnClock)
        {
            var owner = ClockOwnerOf(l.Class, l.Step);
            if (owner == l.Step || _limits.GetValueOrDefault((l.Class, owner)) is not { HasOwnClock: true })
                throw new ArgumentException($"{where}: runs on the clock of {owner}, which has no own limit in this class.");
        }
    }

    private void ValidateAssessment(CustomerClassProfile profile)
    {
        var a = profile.Assessment;
        var where = $"Document {Id}, {profile.Class}, assessment";
        if (a.Kind == AssessmentKind.EachNode && (a.From is not null || a.To is not null || a.LimitWorkingDays is not null))
            throw new ArgumentException($"{where}: judging each node takes each node's limit; from, to and a limit belong to a span.");
        if (a.Kind == AssessmentKind.Span && (a.From is null || a.To is null || a.LimitWorkingDays is not (>= 1 and <= 1000)))
            throw new ArgumentException($"{where}: a span needs from, to and a limit of 1..1000 working days.");
    }

    private void ValidatePlan(CustomerClass c, ApplicationKind kind, decimal voltage, IReadOnlyList<Step> plan)
    {
        var where = $"Document {Id}, {kind} of {c} at {voltage} kV";
        if (plan.Count == 0 || plan[0] != Step.Acceptance)
            throw new ArgumentException($"{where}: the plan must start with Acceptance.");
        foreach (var step in plan.Where(s => !_limits[(c, s)].IsCustomerTime))
        {
            if (!plan.Contains(ClockOwnerOf(c, step)))
                throw new ArgumentException($"{where}: {step} runs on the clock of {ClockOwnerOf(c, step)}, which the plan leaves out.");
        }
        foreach (var clock in ClocksFor(c, plan))
        {
            var before = Plans.PreviousInPlan(plan, clock.Steps[0]);
            if (clock.Start.After != before)
                throw new ArgumentException(
                    $"{where}: the {clock.Owner} clock starts after {clock.Start.After?.ToString() ?? "submission"}, but {clock.Steps[0]} follows {before?.ToString() ?? "nothing"}.");
        }
        var assessment = AssessmentFor(c);
        if (assessment.Kind == AssessmentKind.Span && (!plan.Contains(assessment.From!.Value) || !plan.Contains(assessment.To!.Value)
                || Plans.IndexOf(plan, assessment.From.Value) > Plans.IndexOf(plan, assessment.To.Value)))
            throw new ArgumentException($"{where}: the assessed span {assessment.From} → {assessment.To} is not in the plan in that order.");
    }

    /// <summary>One voltage per band the class's steps distinguish: its lowest, and each step's threshold.</summary>
    private IEnumerable<decimal> VoltageBands(CustomerClassProfile profile) =>
        profile.Steps.Select(s => _limits[(profile.Class, s)].MinVoltageKv).OfType<decimal>()
            .Prepend(profile.Voltage.MinKv ?? 0m)
            .Distinct();
}
