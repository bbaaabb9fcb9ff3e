using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using YeKuo.Contracts;
using YeKuo.Contracts.Fees;
using YeKuo.Messaging.Audit;
using YeKuo.Messaging.Outbox;
using YeKuo.Messaging.Persistence;
using YeKuo.ServiceDefaults.Security;
using YeKuo.SupplyScheme.Fees;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Hosting;

namespace YeKuo.SupplyScheme.Apis;

/// <summary>
/// An application's charges (收费): read by whoever may read the application; paid by the customer (online) or a counter
/// clerk for them (营业厅); an item on request added by SupplyScheme staff, only as the tariff gives it (anything else is
/// 乱收费: 422 and, like every write, an audit row).
/// </summary>
public static class ChargesApi
{
    private const int MaxAttempts = 4;

    public static IEndpointRouteBuilder MapChargesApi(this IEndpointRouteBuilder app)
    {
        var prefix = DepartmentCatalogue.ApiPrefixOf(Department.SupplyScheme);
        var charges = app.MapGroup($"{prefix}/applications/{{id:guid}}/charges").WithTags("Charges").WithOneConnection<SupplySchemeDbContext>();
        charges.MapGet("/", Get).RequireAuthorization(Policies.CustomerOrStaff);
        charges.MapPost("/payments", Pay).RequireAuthorization(Policies.Applicant);
        charges.MapPost("/", AddCharge).RequireAuthorization(Policies.StaffOf(Departments.SupplyScheme));
        return app;
    }

    public static async Task<Results<Ok<ChargeAccountDto>, ProblemHttpResult>> Get(
        Guid id, SupplySchemeDbContext db, TariffBook tariffs, HttpContext http, CancellationToken cancellationToken)
    {
        var account = await ChargeAccountQueries.ReadAsync(db, id, cancellationToken);
        return account is null || !CurrentUser.CanSee(http.User, account.CustomerId, account.CustomerManager)
            ? NotFound(id)
            : TypedResults.Ok(ChargeAccountDto.From(account, tariffs));
    }

    public sealed record PaymentRequest(string? Reference, decimal? Amount);

    /// <summary>
    /// Pays the whole balance. The customer pays their own (online); a counter clerk records a payment for them (营业厅).
    /// The same <c>reference</c> again answers the payment already recorded (200), never a second payment.
    /// </summary>
    public static async Task<Results<Created<ChargePaymentDto>, Ok<ChargePaymentDto>, ValidationProblem, ProblemHttpResult>> Pay(
        Guid id, PaymentRequest request, SupplySchemeDbContext db, IEventOutbox outbox, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Trim().Length > 64)
            errors["reference"] = ["reference (the payment's transaction or receipt number) is required, at most 64 characters."];
        if (request.Amount is not > 0)
            errors["amount"] = ["amount must be greater than 0 (the balance, in 元)."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The payment is not valid.");

        var user = http.User;
        var channel = CurrentUser.IsCustomer(user) ? PaymentChannel.Online : PaymentChannel.Counter;
        http.Audit().Target(id, id);
        for (var attempt = 1; ; attempt++)
        {
            var account = await ChargeAccountQueries.FindAsync(db, id, cancellationToken);
            if (account is null || !CurrentUser.CanSee(user, account.CustomerId, account.CustomerManager))
                return NotFound(id);
            http.Audit().Before(account.Balance == 0 ? "settled" : "payable");
            ChargePayment payment;
            try
            {
                (payment, var paid) = account.Pay(request.Reference!.Trim(), request.Amount!.Value, channel, CurrentUser.NameOf(user), time.GetUtcNow());
                if (paid is null)
                    return TypedResults.Ok(ChargePaymentDto.From(payment));
                outbox.Enqueue(paid, id);
                http.Audit().After("settled");
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (ChargeRuleException rule)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The payment cannot be recorded.", detail: rule.Message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another payment (or this one, sent twice at once) changed the account: read it again.
                db.ChangeTracker.Clear();
                continue;
            }
            return TypedResults.Created($"/api/supply-scheme/applications/{id}/charges", ChargePaymentDto.From(payment));
        }
    }

    public sealed record ChargeRequest(string? Item, decimal? Amount, string? Reason);

    /// <summary>Adds a tariff item on request (e.g. 计量装置校验费 the customer asked for) at exactly the tariff's amount.</summary>
    public static async Task<Results<Ok<ChargeAccountDto>, ValidationProblem, ProblemHttpResult>> AddCharge(
        Guid id, ChargeRequest request, SupplySchemeDbContext db, TariffBook tariffs, IEventOutbox outbox, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Item) || request.Item.Length > 48)
            errors["item"] = ["item (a tariff item's code) is required, at most 48 characters."];
        if (request.Amount is not > 0)
            errors["amount"] = ["amount must be greater than 0 (in 元)."];
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
            errors["reason"] = ["reason (what the customer asked for) is required, at most 500 characters."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The charge is not valid.");

        http.Audit().Target(id, id);
        var account = await ChargeAccountQueries.FindAsync(db, id, cancellationToken);
        if (account is null)
            return NotFound(id);
        try
        {
            var tariff = account.TariffVersion is { } version ? tariffs.ForVersion(version) : tariffs.ForDate(Workflow.Calendar.ChinaTime.BusinessDate(time.GetUtcNow()));
            var assessed = account.AddCharge(tariff, request.Item!.Trim(), request.Amount!.Value, time.GetUtcNow());
            outbox.Enqueue(assessed, id);
            http.Audit().After($"revision {account.Revision}");
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ChargeRuleException rule)
        {
            return TypedResults.Problem(
                statusCode: rule.OutsideTariff ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict,
                title: rule.OutsideTariff ? "No charge may be made outside the tariff." : "The charge cannot be added.",
                detail: rule.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The charges changed meanwhile.", detail: "Read them again and retry.");
        }
        return TypedResults.Ok(ChargeAccountDto.From(account, tariffs));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Application not found.", detail: $"There are no charges of application {id}.");
}

/// <summary>One charge with its basis, as the customer sees it.</summary>
public sealed record ChargeLineDto(
    string Item, string Name, string EnglishName, ChargeBasis Basis, string BasisName, decimal Quantity, decimal UnitAmount, decimal Amount,
    string Source, bool CompanyConfigured);

public sealed record ChargePaymentDto(Guid Id, string Reference, decimal Amount, PaymentChannel Channel, string RecordedBy, DateTimeOffset PaidAt, IReadOnlyList<ItemAmount> Items)
{
    public static ChargePaymentDto From(ChargePayment p) => new(p.Id, p.Reference, p.Amount, p.Channel, p.RecordedBy, p.PaidAt, p.Items);
}

/// <summary>
/// The application's charges: assessed (status <c>NotAssessed</c> until the 供电方案答复), each with its basis, what was
/// paid and refunded, and the balance. <c>Settled</c>: nothing is payable (paid, or nothing charged: 三零).
/// </summary>
public sealed record ChargeAccountDto(
    Guid ApplicationId, string ApplicationNumber, string Status, string? TariffVersion, string? TariffTitle, int Revision, DateTimeOffset? AssessedAt,
    bool ZeroService, IReadOnlyList<ChargeLineDto> Items, decimal Total, decimal Paid, decimal Refunded, decimal Balance,
    IReadOnlyList<ChargePaymentDto> Payments, IReadOnlyList<ChargeRefund> Refunds)
{
    public static ChargeAccountDto From(ChargeAccount a, TariffBook tariffs)
    {
        var tariff = a.TariffVersion is { } version ? tariffs.ForVersion(version) : null;
        var status = a.WithdrawnAt is not null ? "Withdrawn" : !a.IsAssessed ? "NotAssessed" : a.Balance > 0 ? "Payable" : "Settled";
        return new(a.ApplicationId, a.ApplicationNumber, status, a.TariffVersion, tariff?.Title, a.Revision, a.AssessedAt, a.Scheme?.ZeroService ?? false,
            a.Lines.Select(l => new ChargeLineDto(l.Item, l.Name, tariff?.Item(l.Item)?.EnglishName ?? l.Item, l.Basis, l.Basis.ChineseName(),
                l.Quantity, l.UnitAmount, l.Amount, l.Source, l.CompanyConfigured)).ToArray(),
            a.Total, a.Paid, a.Refunded, a.Balance, a.Payments.Select(ChargePaymentDto.From).ToArray(), a.Refunds);
    }
}
