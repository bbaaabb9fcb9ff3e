using System.Text.RegularExpressions;
using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Steps;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Apis;

/// <summary>Field-level checks of an application against the policy in force: identity check characters, phone, and a capacity and voltage that fit the customer class.</summary>
public static partial class ApplicationRequestValidator
{
    public const decimal MaxCapacityKva = 1_000_000m;

    public static IDictionary<string, string[]> Validate(SubmitApplicationRequest request, TimeLimitPolicy policy, out CustomerClass customerClass)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = new FieldErrors(errors);
        customerClass = default;

        fields.Name("customerName", request.CustomerName, 100);
        fields.Name("address", request.Address, 200);

        if (!Enum.TryParse(request.CustomerClass, ignoreCase: false, out customerClass) || !Enum.IsDefined(customerClass))
        {
            fields.Add("customerClass", $"customerClass must be one of {string.Join(", ", Enum.GetNames<CustomerClass>())}.");
            return errors;
        }

        var isResident = customerClass == CustomerClass.Residential;
        if (isResident ? !IdentityNumbers.IsValidResidentId(request.IdentityNumber) : !IdentityNumbers.IsValidCreditCode(request.IdentityNumber))
        {
            fields.Add("identityNumber", isResident
                ? "identityNumber must be an 18-character 居民身份证号 with a valid birth date and check digit."
                : "identityNumber must be an 18-character 统一社会信用代码 with a valid check character.");
        }

        if (request.ContactPhone is null || !MobilePhone().IsMatch(request.ContactPhone))
        {
            fields.Add("contactPhone", "contactPhone must be an 11-digit mainland mobile number starting with 1.");
        }

        var profile = policy.ProfileFor(customerClass);
        if (request.CapacityKva is not { } capacity || capacity <= 0 || capacity > MaxCapacityKva)
        {
            fields.Add("capacityKva", $"capacityKva must be greater than 0 and at most {MaxCapacityKva}.");
        }
        else if (profile.ZeroServiceCapacityCeiling is { } ceiling && capacity > ceiling.Kw)
        {
            fields.Add("capacityKva", $"{customerClass} applies up to {ceiling.Kw} kW; a larger capacity is a different customer class.");
        }

        if (request.VoltageKv is not { } voltage || !profile.Voltage.Contains(voltage))
        {
            fields.Add("voltageKv", $"voltageKv for {customerClass} must be {Describe(profile.Voltage)}.");
        }

        SubmissionRanges.Check(request, customerClass, errors);

        var expectedSources = customerClass == CustomerClass.HighVoltageDualSource ? 2 : 1;
        if (request.SourceCount != expectedSources)
        {
            fields.Add("sourceCount", $"{customerClass} has {expectedSources} supply source(s).");
        }
        return errors;
    }

    private static string Describe(VoltageRange range) => (range.MinKv, range.MaxKv) switch
    {
        ({ } min, { } max) => $"between {min} and {max} kV",
        ({ } min, null) => $"at least {min} kV",
        (null, { } max) => $"at most {max} kV",
        _ => "a positive number of kV",
    };

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MobilePhone();
}
