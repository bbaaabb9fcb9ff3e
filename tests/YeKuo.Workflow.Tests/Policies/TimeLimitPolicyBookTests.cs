using YeKuo.Contracts;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Tests.Policies;

public class TimeLimitPolicyBookTests
{
    private const string Current = "YK-TL-2024";
    private const string Older = "SGCC-YK-KH";

    private static readonly TimeLimitPolicyBook Book = TimeLimitPolicyBook.LoadDefault();
    private static readonly TimeLimitPolicy Policy = Book.ForVersion(Current);
    private static readonly TimeLimitPolicy Sgcc = Book.ForVersion(Older);

    private static readonly Step[] HighVoltagePlan =
    [
        Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation, Step.DesignSubmission, Step.DesignReview,
        Step.IntermediateInspectionRequest, Step.IntermediateInspection, Step.CompletionReport, Step.CompletionAcceptance,
        Step.SupplyContract, Step.PowerConnection,
    ];

    [Theory]
    [InlineData("2020-01-01", Older)]
    [InlineData("2023-12-31", Older)]
    [InlineData("2024-01-01", Current)] // the effective day itself
    [InlineData("2026-10-10", Current)]
    public void The_document_in_force_is_the_latest_one_effective_on_or_before_the_acceptance_day(string accepted, string version) =>
        Assert.Equal(version, Book.ForDate(DateOnly.Parse(accepted, System.Globalization.CultureInfo.InvariantCulture)).Version);

    [Fact]
    public void An_application_accepted_before_any_document_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.ForDate(new DateOnly(2019, 12, 31)));

    [Fact]
    public void The_older_SGCC_rule_has_its_own_effective_dates_ending_the_day_before_the_current_document()
    {
        Assert.Equal(new DateOnly(2020, 1, 1), Sgcc.EffectiveFrom);
        Assert.Equal(new DateOnly(2023, 12, 31), Sgcc.EffectiveTo);
        Assert.Equal(Sgcc.EffectiveTo!.Value.AddDays(1), Policy.EffectiveFrom);
        Assert.Null(Policy.EffectiveTo);
    }

    public static TheoryData<CustomerClass, Step, int, string?> OlderRuleLimits() => new()
    {
        { CustomerClass.HighVoltageSingleSource, Step.SchemeReply, 15, nameof(Step.Acceptance) },
        { CustomerClass.HighVoltageDualSource, Step.SchemeReply, 30, nameof(Step.Acceptance) },
        { CustomerClass.HighVoltageSingleSource, Step.DesignReview, 10, nameof(Step.DesignSubmission) },
        { CustomerClass.HighVoltageDualSource, Step.IntermediateInspection, 5, nameof(Step.IntermediateInspectionRequest) },
        { CustomerClass.HighVoltageSingleSource, Step.CompletionAcceptance, 5, nameof(Step.CompletionReport) },
        { CustomerClass.HighVoltageDualSource, Step.PowerConnection, 5, nameof(Step.CompletionAcceptance) },
    };

    [Theory]
    [MemberData(nameof(OlderRuleLimits))]
    public void The_older_SGCC_rule_limits_each_high_voltage_node_from_the_customers_request(CustomerClass c, Step step, int limit, string? startsAfter)
    {
        var rule = Sgcc.LimitFor(c, step);

        Assert.Equal(limit, rule.LimitWorkingDays);
        Assert.Equal(startsAfter, rule.Start!.After?.ToString());
        Assert.False(string.IsNullOrWhiteSpace(rule.Start.Rule));
        Assert.True(Sgcc.IsJudged(c, step));
    }

    [Fact]
    public void An_application_keeps_the_limits_of_the_version_it_was_accepted_under()
    {
        var old = Book.ForDate(new DateOnly(2023, 6, 1));

        Assert.Equal(Older, old.Version);
        Assert.Equal(10, old.LimitFor(CustomerClass.HighVoltageSingleSource, Step.DesignReview).LimitWorkingDays);
        Assert.Equal(5, Book.ForDate(new DateOnly(2024, 6, 1)).LimitFor(CustomerClass.HighVoltageSingleSource, Step.DesignReview).LimitWorkingDays);
        Assert.Equal(10, Book.ForVersion(old.Version).LimitFor(CustomerClass.HighVoltageSingleSource, Step.DesignReview).LimitWorkingDays);
    }

    public static TheoryData<CustomerClass, Step, int> DefaultLimits()
    {
        var data = new TheoryData<CustomerClass, Step, int>();
        foreach (var c in Enum.GetValues<CustomerClass>())
            data.Add(c, Step.Acceptance, 1);
        foreach (var c in new[] { CustomerClass.Residential, CustomerClass.SmallMicroBusiness, CustomerClass.PrivateOrganisation })
            data.Add(c, Step.PowerConnection, 2);
        data.Add(CustomerClass.LowVoltageNonResidential, Step.SchemeReply, 3);
        data.Add(CustomerClass.LowVoltageNonResidentialNoExternalWorks, Step.SchemeReply, 5);
        data.Add(CustomerClass.HighVoltageSingleSource, Step.SchemeReply, 10);
        data.Add(CustomerClass.HighVoltageDualSource, Step.SchemeReply, 20);
        foreach (var c in new[] { CustomerClass.LowVoltageNonResidential, CustomerClass.LowVoltageNonResidentialNoExternalWorks })
        {
            data.Add(c, Step.CompletionAcceptance, 3);
            data.Add(c, Step.PowerConnection, 2);
        }

        foreach (var c in new[] { CustomerClass.HighVoltageSingleSource, CustomerClass.HighVoltageDualSource })
        {
            data.Add(c, Step.DesignReview, 5);
            data.Add(c, Step.IntermediateInspection, 3);
            data.Add(c, Step.CompletionAcceptance, 3);
            data.Add(c, Step.PowerConnection, 3);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultLimits))]
    public void Every_limit_of_the_current_document_has_its_value_and_a_start_rule(CustomerClass c, Step step, int limit)
    {
        var rule = Policy.LimitFor(c, step);

        Assert.Equal(limit, rule.LimitWorkingDays);
        Assert.True(rule.HasOwnClock);
        Assert.NotNull(rule.Start);
    }

    [Fact]
    public void Exactly_the_listed_steps_have_their_own_clock()
    {
        var owned = Enum.GetValues<CustomerClass>()
            .SelectMany(c => Policy.ProfileFor(c).Steps.Select(s => Policy.LimitFor(c, s)))
            .Count(l => l.HasOwnClock);

        Assert.Equal(DefaultLimits().Count(), owned);
    }

    [Fact]
    public void Design_review_and_intermediate_inspection_are_marked_as_defaults_not_from_a_published_document()
    {
        Assert.True(Policy.LimitFor(CustomerClass.HighVoltageDualSource, Step.DesignReview).IsDefault);
        Assert.True(Policy.LimitFor(CustomerClass.HighVoltageDualSource, Step.IntermediateInspection).IsDefault);
        Assert.False(Policy.LimitFor(CustomerClass.HighVoltageDualSource, Step.SchemeReply).IsDefault);
        Assert.False(Policy.LimitFor(CustomerClass.HighVoltageDualSource, Step.CompletionAcceptance).IsDefault);
    }

    [Fact]
    public void Zero_service_classes_have_the_compressed_step_set_on_the_connection_clock()
    {
        foreach (var c in new[] { CustomerClass.Residential, CustomerClass.SmallMicroBusiness, CustomerClass.PrivateOrganisation })
        {
            Assert.Equal([Step.Acceptance, Step.SiteSurvey, Step.PowerConnection], Policy.StepsFor(c));
            Assert.True(Policy.ProfileFor(c).ZeroService);
            Assert.Equal(Step.PowerConnection, Policy.ClockOwnerOf(c, Step.SiteSurvey));
        }
    }

    [Fact]
    public void Low_voltage_non_residential_classes_skip_design_review_and_intermediate_inspection_but_wait_for_the_completion_report()
    {
        Step[] expected =
        [
            Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation,
            Step.CompletionReport, Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
        ];
        Assert.Equal(expected, Policy.StepsFor(CustomerClass.LowVoltageNonResidential));
        Assert.Equal(expected, Policy.StepsFor(CustomerClass.LowVoltageNonResidentialNoExternalWorks));
    }

    [Fact]
    public void A_high_voltage_new_connection_waits_for_the_customers_request_before_each_inspection()
    {
        foreach (var policy in Book.Policies)
        {
            Assert.Equal(HighVoltagePlan, policy.PlanFor(ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, 10));
            Assert.Equal(HighVoltagePlan, policy.PlanFor(ApplicationKind.NewConnection, CustomerClass.HighVoltageDualSource, 35));
        }
    }

    [Theory]
    [InlineData(Step.DesignReview, Step.DesignSubmission)]
    [InlineData(Step.IntermediateInspection, Step.IntermediateInspectionRequest)]
    [InlineData(Step.CompletionAcceptance, Step.CompletionReport)]
    public void Each_inspection_clock_starts_at_the_customers_request_and_a_failed_check_goes_back_to_it(Step inspection, Step request)
    {
        Assert.Equal(request, Policy.LimitFor(CustomerClass.HighVoltageSingleSource, inspection).Start!.After);
        Assert.Equal(request, StepCatalogue.Of(inspection).SendsBackTo);
        Assert.True(Policy.LimitFor(CustomerClass.HighVoltageSingleSource, request).IsCustomerTime);
    }

    [Fact]
    public void At_110_kV_and_above_the_customers_access_system_design_sits_inside_the_scheme_reply_clock_and_is_taken_out()
    {
        var plan = Sgcc.PlanFor(ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, 110);
        var clock = Sgcc.ClockFor(CustomerClass.HighVoltageSingleSource, Step.SchemeReply, plan);

        Assert.Equal([Step.Acceptance, Step.SiteSurvey, Step.AccessSystemDesign, Step.SchemeReply], plan.Take(4));
        Assert.Equal([Step.SiteSurvey, Step.SchemeReply], clock.Steps);
        Assert.Equal([Step.AccessSystemDesign], clock.Excluded);
        Assert.Equal(Step.Acceptance, clock.Start.After);
        Assert.DoesNotContain(Step.AccessSystemDesign, Sgcc.PlanFor(ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, 35));
    }

    [Fact]
    public void The_site_survey_runs_on_the_scheme_reply_clock_that_starts_at_acceptance()
    {
        var clock = Policy.ClockFor(CustomerClass.HighVoltageSingleSource, Step.SiteSurvey);

        Assert.Null(Policy.LimitFor(CustomerClass.HighVoltageSingleSource, Step.SiteSurvey).LimitWorkingDays);
        Assert.Equal(Step.SchemeReply, clock.Owner);
        Assert.Equal([Step.SiteSurvey, Step.SchemeReply], clock.Steps);
        Assert.Equal(10, clock.LimitWorkingDays);
        Assert.Equal(Step.Acceptance, clock.Start.After);
    }

    [Fact]
    public void The_supply_contract_shares_the_power_connection_clock_started_by_the_passed_completion_acceptance()
    {
        var clock = Policy.ClockFor(CustomerClass.HighVoltageDualSource, Step.SupplyContract);

        Assert.Equal([Step.SupplyContract, Step.PowerConnection], clock.Steps);
        Assert.Equal(3, clock.LimitWorkingDays);
        Assert.Equal(Step.CompletionAcceptance, clock.Start.After);
    }

    [Fact]
    public void The_customers_steps_are_customer_time_without_a_clock()
    {
        foreach (var step in new[] { Step.SchemeConfirmation, Step.DesignSubmission, Step.IntermediateInspectionRequest, Step.CompletionReport })
        {
            var rule = Policy.LimitFor(CustomerClass.HighVoltageSingleSource, step);
            Assert.True(rule.IsCustomerTime);
            Assert.False(Policy.IsJudged(CustomerClass.HighVoltageSingleSource, step));
            Assert.Null(rule.LimitWorkingDays);
            Assert.Throws<ArgumentException>(() => Policy.ClockFor(CustomerClass.HighVoltageSingleSource, step));
        }
    }

    [Fact]
    public void A_high_voltage_application_is_judged_on_each_of_the_five_nodes()
    {
        foreach (var policy in Book.Policies)
        {
            var judged = policy.ClocksFor(CustomerClass.HighVoltageSingleSource).Where(c => c.Judged).Select(c => c.Owner);

            Assert.Equal(AssessmentKind.EachNode, policy.AssessmentFor(CustomerClass.HighVoltageSingleSource).Kind);
            Assert.Equal(
                [Step.SchemeReply, Step.DesignReview, Step.IntermediateInspection, Step.CompletionAcceptance, Step.PowerConnection],
                judged);
            Assert.False(policy.IsJudged(CustomerClass.HighVoltageSingleSource, Step.Acceptance));
        }
    }

    [Theory]
    [InlineData(CustomerClass.Residential, 3)]
    [InlineData(CustomerClass.LowVoltageNonResidential, 9)]
    [InlineData(CustomerClass.LowVoltageNonResidentialNoExternalWorks, 11)]
    public void A_low_voltage_application_is_judged_as_one_span_from_acceptance_to_power_connection(CustomerClass c, int limit)
    {
        var assessment = Policy.AssessmentFor(c);

        Assert.Equal(AssessmentKind.Span, assessment.Kind);
        Assert.Equal((Step.Acceptance, Step.PowerConnection, limit), (assessment.From!.Value, assessment.To!.Value, assessment.LimitWorkingDays!.Value));
        Assert.All(Policy.StepsFor(c), s => Assert.False(Policy.IsJudged(c, s)));
    }

    [Theory]
    [InlineData(ApplicationKind.NewConnection, 12)]
    [InlineData(ApplicationKind.CapacityIncrease, 12)]
    [InlineData(ApplicationKind.ChangeOfUse, 8)]
    [InlineData(ApplicationKind.TemporarySupply, 8)]
    public void Which_steps_apply_depends_on_the_kind_of_application(ApplicationKind kind, int steps)
    {
        var plan = Policy.PlanFor(kind, CustomerClass.HighVoltageSingleSource, 10);

        Assert.Equal(steps, plan.Count);
        Assert.Equal(steps == 12, plan.Contains(Step.DesignReview));
        Assert.Contains(Step.CompletionAcceptance, plan);
        Assert.Equal(Step.CompletionReport, Plans.PreviousInPlan(plan, Step.CompletionAcceptance));
    }

    [Fact]
    public void A_temporary_supply_lasts_at_most_three_years_and_is_reminded_ten_working_days_before_its_end()
    {
        var rule = Policy.KindFor(ApplicationKind.TemporarySupply).TemporarySupply!;

        Assert.Equal((1095, 10), (rule.MaxDurationDays, rule.ReminderWorkingDaysBefore));
        Assert.Null(Policy.KindFor(ApplicationKind.NewConnection).TemporarySupply);
    }

    [Fact]
    public void Private_organisations_get_zero_service_up_to_a_configurable_160_kW()
    {
        var ceiling = Policy.ProfileFor(CustomerClass.PrivateOrganisation).ZeroServiceCapacityCeiling;

        Assert.Equal(160m, ceiling!.Kw);
        Assert.Contains("no published limit", ceiling.Source);
        Assert.Null(Policy.ProfileFor(CustomerClass.HighVoltageSingleSource).ZeroServiceCapacityCeiling);
    }

    [Theory]
    [InlineData(CustomerClass.Residential, 0.38, true)]
    [InlineData(CustomerClass.LowVoltageNonResidential, 0.4, true)]
    [InlineData(CustomerClass.LowVoltageNonResidential, 10, false)]
    [InlineData(CustomerClass.HighVoltageSingleSource, 10, true)]
    [InlineData(CustomerClass.HighVoltageDualSource, 110, true)]
    [InlineData(CustomerClass.HighVoltageDualSource, 0.4, false)]
    public void Low_voltage_classes_expect_at_most_0_4_kV_and_high_voltage_classes_at_least_10_kV(CustomerClass c, double kv, bool expected) =>
        Assert.Equal(expected, Policy.ProfileFor(c).Voltage.Contains((decimal)kv));

    [Fact]
    public void Asking_for_a_step_outside_the_class_step_set_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Policy.LimitFor(CustomerClass.Residential, Step.DesignReview));

    [Fact]
    public void Asking_for_an_unknown_version_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Book.ForVersion("nope"));

    [Fact]
    public void A_document_missing_a_customer_class_is_rejected_when_loaded() =>
        Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("X", "incomplete", new DateOnly(2030, 1, 1), null, [], [], Policy.Kinds));

    [Fact]
    public void Two_documents_effective_the_same_day_are_rejected()
    {
        var b = Copy(Sgcc, "copy", Sgcc.EffectiveFrom, null);

        Assert.Throws<ArgumentException>(() => new TimeLimitPolicyBook([Sgcc, b]));
    }

    [Fact]
    public void A_document_ending_without_the_next_taking_over_the_day_after_is_rejected()
    {
        var gap = Copy(Sgcc, "gap", Sgcc.EffectiveFrom, new DateOnly(2023, 11, 30));

        Assert.Throws<ArgumentException>(() => new TimeLimitPolicyBook([gap, Policy]));
    }

    [Fact]
    public void A_clock_whose_start_rule_is_not_right_before_it_in_every_plan_is_rejected_when_loaded()
    {
        // 设计审查 "from the scheme confirmation": the customer's design time would be on the department's clock.
        var rules = Rules(Policy).Select(l => l.Step == Step.DesignReview ? l with { Start = new ClockStart(Step.SchemeConfirmation, "wrong") } : l);

        var error = Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("bad", "bad", new DateOnly(2030, 1, 1), null, Policy.Profiles, rules, Policy.Kinds));
        Assert.Contains("DesignReview clock starts after SchemeConfirmation", error.Message);
    }

    [Fact]
    public void A_limit_on_a_customer_step_is_rejected_when_loaded()
    {
        var rules = Rules(Policy).Select(l => l.Step == Step.DesignSubmission ? l with { LimitWorkingDays = 20, Start = new ClockStart(Step.SchemeConfirmation, "x") } : l);

        Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("bad", "bad", new DateOnly(2030, 1, 1), null, Policy.Profiles, rules, Policy.Kinds));
    }

    [Fact]
    public void A_kind_that_leaves_a_shared_clock_without_its_owner_is_rejected_when_loaded()
    {
        var kinds = Policy.Kinds.Select(k => k.Kind == ApplicationKind.ChangeOfUse ? k with { OmitSteps = [.. k.OmitSteps, Step.PowerConnection] } : k);

        var error = Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("bad", "bad", new DateOnly(2030, 1, 1), null, Policy.Profiles, Rules(Policy), kinds));
        Assert.Contains("ChangeOfUse", error.Message);
    }

    [Fact]
    public void Time_limit_data_in_another_format_is_rejected() =>
        Assert.Throws<FormatException>(() => TimeLimitDataReader.Parse("""{ "format": "x", "documents": [] }"""));

    private static IEnumerable<StepTimeLimit> Rules(TimeLimitPolicy policy) =>
        policy.Profiles.SelectMany(p => p.Steps.Select(s => policy.LimitFor(p.Class, s)));

    private static TimeLimitPolicy Copy(TimeLimitPolicy policy, string id, DateOnly from, DateOnly? to) =>
        new(id, policy.Title, from, to, policy.Profiles, Rules(policy), policy.Kinds);

    [Theory]
    [InlineData(ServiceTask.ComplaintHandling, 5)]
    [InlineData(ServiceTask.FollowUpVisit, 5)]
    public void Complaints_and_the_follow_up_visit_take_their_limits_from_the_document_in_force(ServiceTask task, int limit)
    {
        var (policy, rule) = Book.ServiceLimitOn(task, new DateOnly(2026, 2, 13));

        Assert.Equal((Current, limit, true), (policy.Version, rule.LimitWorkingDays, rule.IsDefault));
        Assert.Null(Book.ForVersion(Older).ServiceLimitFor(task));
    }

    [Fact]
    public void A_day_before_any_document_sets_a_service_limit_has_none() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.ServiceLimitOn(ServiceTask.ComplaintHandling, new DateOnly(2023, 6, 1)));

    [Fact]
    public void A_service_limit_outside_1_to_1000_working_days_is_rejected_when_loaded()
    {
        Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("bad", Policy.Title, new DateOnly(2030, 1, 1), null, Policy.Profiles,
            Rules(Policy), Policy.Kinds, [new ServiceTimeLimit(ServiceTask.ComplaintHandling, 0, IsDefault: true, "zero")]));
    }
}
