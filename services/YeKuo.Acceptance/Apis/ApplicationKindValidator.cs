using System.Text.RegularExpressions;
using YeKuo.Acceptance.Domain;
using YeKuo.Contracts;
using YeKuo.Workflow.Hosting.Steps;
using YeKuo.Workflow.Policies;

namespace YeKuo.Acceptance.Apis;

/// <summary>
/// Field checks of what an application's kind needs (新装, 增容, 变更用电, 临时用电) against the policy in force: the
/// existing 户号 and current capacity of an 增容, the 户号 and the changes of a 变更用电, the end date of a 临时用电; and
/// no kind's fields on another kind. The answer is the kind's details, or field errors.
/// </summary>
public static partial class ApplicationKindValidator
{
    public const int MaxChangeDescription = 500;

    public static KindDetails? Validate(
        SubmitApplicationRequest request, TimeLimitPolicy policy, CustomerClass customerClass, DateOnly today, IDictionary<string, string[]> errors)
    {
        var fields = new FieldErrors(errors);
        var kind = ApplicationKind.NewConnection;
        if (request.Kind is { Length: > 0 } name && (!Enum.TryParse(name, ignoreCase: false, out kind) || !Enum.IsDefined(kind) || char.IsDigit(name[0])))
        {
            fields.Add("kind", $"kind must be one of {string.Join(", ", Enum.GetNames<ApplicationKind>())}.");
            return null;
        }
        var before = errors.Count;

        // Each kind's own fields, and none of another kind's.
        if (kind.NeedsAccount())
        {
            if (request.AccountNumber is null || !AccountNumber().IsMatch(request.AccountNumber))
            {
                fields.Add("accountNumber", $"{kind.ChineseName()} is for an existing account: accountNumber must be its 户号 of 10 to 13 digits.");
            }
        }
        else if (request.AccountNumber is not null)
        {
            fields.Add("accountNumber", $"accountNumber (户号) belongs to 增容 and 变更用电, not to {kind.ChineseName()}.");
        }

        if (kind == ApplicationKind.CapacityIncrease)
        {
            if (request.CurrentCapacityKva is not (> 0 and <= ApplicationRequestValidator.MaxCapacityKva))
            {
                fields.Add("currentCapacityKva", $"增容 needs the account's current capacity: greater than 0 and at most {ApplicationRequestValidator.MaxCapacityKva}.");
            }
            else if (request.CapacityKva is { } increase && increase > 0
                     && policy.ProfileFor(customerClass).ZeroServiceCapacityCeiling is { } ceiling
                     && request.CurrentCapacityKva.Value + increase > ceiling.Kw)
            {
                fields.Add("capacityKva", $"After the increase the account would have {request.CurrentCapacityKva.Value + increase} kW, over the {customerClass} ceiling of {ceiling.Kw} kW.");
            }
        }
        else if (request.CurrentCapacityKva is not null)
        {
            fields.Add("currentCapacityKva", $"currentCapacityKva belongs to 增容, not to {kind.ChineseName()}.");
        }

        var changes = new List<UseChange>();
        if (kind == ApplicationKind.ChangeOfUse)
        {
            foreach (var change in request.Changes ?? [])
            {
                if (!Enum.TryParse<UseChange>(change, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || change.Length == 0 || char.IsDigit(change[0]))
                {
                    fields.Add("changes", $"'{change}' is not a change of use; use {string.Join(", ", Enum.GetNames<UseChange>())}.");
                }
                else if (!changes.Contains(parsed))
                {
                    changes.Add(parsed);
                }
            }
            if (changes.Count == 0 && !errors.ContainsKey("changes"))
            {
                fields.Add("changes", "变更用电 says what changes: at least one of " + string.Join(", ", Enum.GetNames<UseChange>()) + ".");
            }
            fields.Optional("changeDescription", request.ChangeDescription, MaxChangeDescription);
        }
        else
        {
            if (request.Changes is { Count: > 0 })
            {
                fields.Add("changes", $"changes belong to 变更用电, not to {kind.ChineseName()}.");
            }
            if (request.ChangeDescription is not null)
            {
                fields.Add("changeDescription", $"changeDescription belongs to 变更用电, not to {kind.ChineseName()}.");
            }
        }

        if (kind == ApplicationKind.TemporarySupply)
        {
            var longest = policy.KindFor(kind).TemporarySupply!.MaxDurationDays;
            if (request.TemporaryUntil is not { } until)
            {
                fields.Add("temporaryUntil", "临时用电 needs its last day (temporaryUntil, yyyy-MM-dd).");
            }
            else if (until <= today || until > today.AddDays(longest))
            {
                fields.Add("temporaryUntil", $"temporaryUntil must be after today and at most {longest} days ahead ({today.AddDays(longest):yyyy-MM-dd}).");
            }
        }
        else if (request.TemporaryUntil is not null)
        {
            fields.Add("temporaryUntil", $"temporaryUntil belongs to 临时用电, not to {kind.ChineseName()}.");
        }

        return errors.Count > before
            ? null
            : new KindDetails(
                kind,
                kind.NeedsAccount() ? request.AccountNumber : null,
                kind == ApplicationKind.CapacityIncrease ? request.CurrentCapacityKva : null,
                changes,
                kind == ApplicationKind.ChangeOfUse && request.ChangeDescription?.Trim() is { Length: > 0 } description ? description : null,
                kind == ApplicationKind.TemporarySupply ? request.TemporaryUntil : null);
    }

    /// <summary>户号: 10 to 13 digits (provinces number accounts differently).</summary>
    [GeneratedRegex("^[0-9]{10,13}$")]
    private static partial Regex AccountNumber();
}
