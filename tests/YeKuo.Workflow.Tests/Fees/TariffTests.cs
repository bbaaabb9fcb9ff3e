using System.Globalization;
using YeKuo.Contracts;
using YeKuo.Contracts.Fees;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Policies;

namespace YeKuo.Workflow.Tests.Fees;

public class TariffTests
{
    private static readonly TariffBook Book = TariffBook.LoadDefault();

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2020-01-01", "YK-FEE-2020")]
    [InlineData("2023-12-31", "YK-FEE-2020")]
    [InlineData("2024-01-01", "YK-FEE-2024")] // the effective day itself
    [InlineData("2026-12-05", "YK-FEE-2024")]
    public void The_tariff_in_force_is_the_latest_version_effective_on_or_before_the_reply_day(string day, string version) =>
        Assert.Equal(version, Book.ForDate(Day(day)).Id);

    [Fact]
    public void No_tariff_is_in_force_before_the_first_version() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Book.ForDate(Day("2019-12-31")));

    [Fact]
    public void A_dual_source_new_connection_pays_high_reliability_per_kVA_and_a_metering_device_per_source()
    {
        var charges = Book.ForDate(Day("2026-12-05")).ChargesFor(new ChargedScheme(
            ApplicationKind.NewConnection, CustomerClass.HighVoltageDualSource, ZeroService: false, CapacityKva: 2500m, Meters: 2));

        Assert.Collection(charges,
            c =>
            {
                Assert.Equal(("HighReliabilitySupply", ChargeBasis.PerKva, 2500m, 210.00m, 525_000.00m), (c.Item, c.Basis, c.Quantity, c.UnitAmount, c.Amount));
                Assert.True(c.CompanyConfigured);
            },
            c => Assert.Equal(("MeteringDevice", ChargeBasis.PerMeter, 2m, 2500.00m, 5000.00m), (c.Item, c.Basis, c.Quantity, c.UnitAmount, c.Amount)));
    }

    [Fact]
    public void The_same_scheme_replied_under_the_older_tariff_is_charged_at_its_amounts()
    {
        var charges = Book.ForDate(Day("2023-06-01")).ChargesFor(new ChargedScheme(
            ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, ZeroService: false, CapacityKva: 800m, Meters: 1));

        var only = Assert.Single(charges);
        Assert.Equal(("MeteringDevice", 3000.00m, 3000.00m), (only.Item, only.UnitAmount, only.Amount));
    }

    [Fact]
    public void A_temporary_supply_is_charged_per_kVA_and_rounded_to_the_fen()
    {
        var charges = Book.ForDate(Day("2026-12-05")).ChargesFor(new ChargedScheme(
            ApplicationKind.TemporarySupply, CustomerClass.LowVoltageNonResidential, ZeroService: false, CapacityKva: 12.345m, Meters: 1));

        var only = Assert.Single(charges);
        Assert.Equal(("TemporaryConnection", ChargeBasis.PerKva, 1234.50m), (only.Item, only.Basis, only.Amount));
    }

    [Theory]
    [InlineData(CustomerClass.Residential)]
    [InlineData(CustomerClass.SmallMicroBusiness)]
    [InlineData(CustomerClass.PrivateOrganisation)]
    public void A_zero_service_class_pays_nothing_whatever_its_kind(CustomerClass customerClass)
    {
        var policy = TimeLimitPolicyBook.LoadDefault().ForDate(Day("2026-12-05"));
        Assert.True(policy.ProfileFor(customerClass).ZeroService);
        var tariff = Book.ForDate(Day("2026-12-05"));
        foreach (var kind in Enum.GetValues<ApplicationKind>())
        {
            var scheme = new ChargedScheme(kind, customerClass, ZeroService: true, CapacityKva: 50m, Meters: 1);
            Assert.Empty(tariff.ChargesFor(scheme));
            Assert.All(tariff.Items, item => Assert.Null(tariff.AllowedCharge(scheme, item.Code)));
        }
    }

    [Fact]
    public void A_change_of_use_has_no_charge_with_its_reply_but_a_fixed_verification_staff_may_add()
    {
        var tariff = Book.ForDate(Day("2026-12-05"));
        var scheme = new ChargedScheme(ApplicationKind.ChangeOfUse, CustomerClass.HighVoltageSingleSource, ZeroService: false, CapacityKva: 630m, Meters: 1);

        Assert.Empty(tariff.ChargesFor(scheme));
        var verification = tariff.AllowedCharge(scheme, "MeterVerification");
        Assert.NotNull(verification);
        Assert.Equal((ChargeBasis.Fixed, 1m, 150.00m), (verification.Basis, verification.Quantity, verification.Amount));
    }

    [Theory]
    [InlineData("ConnectionFee")] // not an item of the tariff: 乱收费
    [InlineData("HighReliabilitySupply")] // an item, but not for a single-source class
    [InlineData("TemporaryConnection")] // an item, but not for a new connection
    public void A_charge_the_tariff_does_not_give_for_the_application_is_not_allowed(string item)
    {
        var scheme = new ChargedScheme(ApplicationKind.NewConnection, CustomerClass.HighVoltageSingleSource, ZeroService: false, CapacityKva: 630m, Meters: 1);
        Assert.Null(Book.ForDate(Day("2026-12-05")).AllowedCharge(scheme, item));
    }

    [Fact]
    public void Every_item_cites_its_source_and_says_its_amount_is_the_company_configuration()
    {
        Assert.All(Book.Versions.SelectMany(v => v.Items), item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Source));
            // No document held by the project gives an amount: none may look official without saying so.
            Assert.True(item.CompanyConfigured);
            Assert.Contains("the company's configuration", item.Source);
        });
    }

    [Fact]
    public void A_tariff_that_charges_a_zero_service_class_does_not_load()
    {
        var item = new TariffItem("Survey", "勘查费", "Survey charge", ChargeBasis.Fixed, 100m, [ApplicationKind.NewConnection],
            [CustomerClass.Residential], true, "the company's configuration");
        var error = Assert.Throws<ArgumentException>(() => new TariffBook(
            [new Tariff("T", "t", Day("2020-01-01"), null, "seed 002", [item])], TimeLimitPolicyBook.LoadDefault()));
        Assert.Contains("三零", error.Message);
    }

    [Theory]
    [InlineData("""{"format":"yekuo-tariff/1","versions":[{"id":"T","title":"t","effectiveFrom":"2020-01-01","zeroServiceFree":{"source":"s"},"items":[{"code":"A","name":"a","englishName":"a","basis":"Fixed","amount":-1,"kinds":["NewConnection"],"classes":["HighVoltageSingleSource"],"source":"s"}]}]}""")]
    [InlineData("""{"format":"yekuo-tariff/1","versions":[{"id":"T","title":"t","effectiveFrom":"2020-01-01","zeroServiceFree":{"source":"s"},"items":[{"code":"A","name":"a","englishName":"a","basis":"Fixed","amount":1.005,"kinds":["NewConnection"],"classes":["HighVoltageSingleSource"],"source":"s"}]}]}""")]
    [InlineData("""{"format":"yekuo-tariff/1","versions":[{"id":"T","title":"t","effectiveFrom":"2020-01-01","zeroServiceFree":{"source":"s"},"items":[{"code":"A","name":"a","englishName":"a","basis":"Fixed","amount":1,"kinds":["NewConnection"],"classes":["HighVoltageSingleSource"]}]}]}""")]
    [InlineData("""{"format":"yekuo-tariff/1","versions":[{"id":"T","title":"t","effectiveFrom":"2020-01-01","items":[]}]}""")]
    public void Tariff_data_without_a_positive_amount_in_fen_a_source_or_the_zero_service_rule_is_refused(string json) =>
        Assert.Throws<FormatException>(() => TariffDataReader.Parse(json));
}
