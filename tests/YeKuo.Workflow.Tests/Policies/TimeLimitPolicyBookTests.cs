using YeKuo.Contracts;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Tests.Policies;

public class TimeLimitPolicyBookTests
{
    private const string Current = "YK-TL-2024";
    private const string Sample = "YK-TL-SAMPLE-2020";

    private static readonly TimeLimitPolicyBook Book = TimeLimitPolicyBook.LoadDefault();
    private static readonly TimeLimitPolicy Policy = Book.ForVersion(Current);

    [Theory]
    [InlineData("2020-01-01", Sample)]
    [InlineData("2023-12-31", Sample)]
    [InlineData("2024-01-01", Current)] // the effective day itself
    [InlineData("2026-10-10", Current)]
    public void The_document_in_force_is_the_latest_one_effective_on_or_before_the_acceptance_day(string accepted, string version) =>
        Assert.Equal(version, Book.ForDate(DateOnly.Parse(accepted, System.Globalization.CultureInfo.InvariantCulture)).Version);

    [Fact]
    public void An_application_accepted_before_any_document_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.ForDate(new DateOnly(2019, 12, 31)));

    [Fact]
    public void An_application_keeps_the_limit_of_the_version_it_was_accepted_under()
    {
        var old = Book.ForDate(new DateOnly(2023, 6, 1));

        Assert.Contains("SAMPLE", old.Title);
        Assert.Equal(15, old.LimitFor(CustomerClass.HighVoltageSingleSource, Step.SchemeReply).LimitWorkingDays);
        Assert.Equal(10, Book.ForDate(new DateOnly(2024, 6, 1)).LimitFor(CustomerClass.HighVoltageSingleSource, Step.SchemeReply).LimitWorkingDays);
        Assert.Equal(15, Book.ForVersion(old.Version).LimitFor(CustomerClass.HighVoltageSingleSource, Step.SchemeReply).LimitWorkingDays);
    }

    public static TheoryData<CustomerClass, Step, int, bool> DefaultLimits()
    {
        var data = new TheoryData<CustomerClass, Step, int, bool>();
        foreach (var c in Enum.GetValues<CustomerClass>())
            data.Add(c, Step.Acceptance, 1, false);
        foreach (var c in new[] { CustomerClass.Residential, CustomerClass.SmallMicroBusiness, CustomerClass.PrivateOrganisation })
            data.Add(c, Step.PowerConnection, 2, true);
        data.Add(CustomerClass.LowVoltageNonResidential, Step.SchemeReply, 3, true);
        data.Add(CustomerClass.LowVoltageNonResidentialNoExternalWorks, Step.SchemeReply, 5, true);
        data.Add(CustomerClass.HighVoltageSingleSource, Step.SchemeReply, 10, true);
        data.Add(CustomerClass.HighVoltageDualSource, Step.SchemeReply, 20, true);
        foreach (var c in new[] { CustomerClass.LowVoltageNonResidential, CustomerClass.LowVoltageNonResidentialNoExternalWorks })
        {
            data.Add(c, Step.CompletionAcceptance, 3, true);
            data.Add(c, Step.PowerConnection, 2, true);
        }

        foreach (var c in new[] { CustomerClass.HighVoltageSingleSource, CustomerClass.HighVoltageDualSource })
        {
            data.Add(c, Step.DesignReview, 5, true);
            data.Add(c, Step.IntermediateInspection, 3, true);
            data.Add(c, Step.CompletionAcceptance, 3, true);
            data.Add(c, Step.PowerConnection, 3, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultLimits))]
    public void Every_default_limit_of_the_current_document_has_its_value(CustomerClass c, Step step, int limit, bool judged)
    {
        var rule = Policy.LimitFor(c, step);

        Assert.Equal(limit, rule.LimitWorkingDays);
        Assert.Equal(judged, rule.Judged);
        Assert.True(rule.HasOwnClock);
    }

    [Fact]
    public void Exactly_the_listed_steps_have_their_own_clock()
    {
        var owned = Enum.GetValues<CustomerClass>()
            .SelectMany(c => Policy.StepsFor(c).Select(s => Policy.LimitFor(c, s)))
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
    public void Zero_service_classes_have_the_compressed_step_set()
    {
        foreach (var c in new[] { CustomerClass.Residential, CustomerClass.SmallMicroBusiness, CustomerClass.PrivateOrganisation })
        {
            Assert.Equal([Step.Acceptance, Step.SiteSurvey, Step.PowerConnection], Policy.StepsFor(c));
            Assert.True(Policy.ProfileFor(c).ZeroService);
        }
    }

    [Fact]
    public void Low_voltage_non_residential_classes_skip_design_review_and_intermediate_inspection()
    {
        Step[] expected =
        [
            Step.Acceptance, Step.SiteSurvey, Step.SchemeReply, Step.SchemeConfirmation,
            Step.CompletionAcceptance, Step.SupplyContract, Step.PowerConnection,
        ];
        Assert.Equal(expected, Policy.StepsFor(CustomerClass.LowVoltageNonResidential));
        Assert.Equal(expected, Policy.StepsFor(CustomerClass.LowVoltageNonResidentialNoExternalWorks));
    }

    [Fact]
    public void High_voltage_classes_run_all_nine_steps_in_order()
    {
        Assert.Equal(Enum.GetValues<Step>(), Policy.StepsFor(CustomerClass.HighVoltageSingleSource));
        Assert.Equal(Enum.GetValues<Step>(), Policy.StepsFor(CustomerClass.HighVoltageDualSource));
    }

    [Fact]
    public void The_site_survey_runs_on_the_scheme_reply_clock_that_starts_at_acceptance()
    {
        var clock = Policy.ClockFor(CustomerClass.HighVoltageSingleSource, Step.SiteSurvey);

        Assert.Equal(Step.SchemeReply, Policy.LimitFor(CustomerClass.HighVoltageSingleSource, Step.SiteSurvey).SharesClockWith);
        Assert.Null(Policy.LimitFor(CustomerClass.HighVoltageSingleSource, Step.SiteSurvey).LimitWorkingDays);
        Assert.Equal(Step.SchemeReply, clock.Owner);
        Assert.Equal([Step.SiteSurvey, Step.SchemeReply], clock.Steps);
        Assert.Equal(10, clock.LimitWorkingDays);
    }

    [Fact]
    public void The_supply_contract_shares_the_power_connection_clock()
    {
        var clock = Policy.ClockFor(CustomerClass.HighVoltageDualSource, Step.SupplyContract);

        Assert.Equal([Step.SupplyContract, Step.PowerConnection], clock.Steps);
        Assert.Equal(3, clock.LimitWorkingDays);
    }

    [Fact]
    public void The_customer_confirming_the_scheme_is_customer_time_and_not_judged()
    {
        var rule = Policy.LimitFor(CustomerClass.HighVoltageSingleSource, Step.SchemeConfirmation);

        Assert.True(rule.IsCustomerTime);
        Assert.False(rule.Judged);
        Assert.Null(rule.LimitWorkingDays);
        Assert.Throws<ArgumentException>(() => Policy.ClockFor(CustomerClass.HighVoltageSingleSource, Step.SchemeConfirmation));
    }

    [Fact]
    public void A_high_voltage_application_is_judged_on_scheme_reply_design_review_inspections_and_connection()
    {
        var judged = Policy.ClocksFor(CustomerClass.HighVoltageSingleSource).Where(c => c.Judged).Select(c => c.Owner);

        Assert.Equal(
            [Step.SchemeReply, Step.DesignReview, Step.IntermediateInspection, Step.CompletionAcceptance, Step.PowerConnection],
            judged);
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
        Assert.Throws<ArgumentException>(() => new TimeLimitPolicy("X", "incomplete", new DateOnly(2030, 1, 1), [], []));

    [Fact]
    public void Two_documents_effective_the_same_day_are_rejected()
    {
        var a = Book.Policies[0];
        var b = new TimeLimitPolicy("copy", a.Title, a.EffectiveFrom, a.Profiles,
            Enum.GetValues<CustomerClass>().SelectMany(c => a.StepsFor(c).Select(s => a.LimitFor(c, s))));

        Assert.Throws<ArgumentException>(() => new TimeLimitPolicyBook([a, b]));
    }

    [Fact]
    public void Time_limit_data_in_another_format_is_rejected() =>
        Assert.Throws<FormatException>(() => TimeLimitDataReader.Parse("""{ "format": "x", "documents": [] }"""));
}
