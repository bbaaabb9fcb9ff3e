using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using YeKuo.Contracts.Fees;
using YeKuo.SupplyScheme.Domain;
using YeKuo.SupplyScheme.Fees;
using YeKuo.Workflow.Fees;
using YeKuo.Workflow.Hosting.Persistence;

namespace YeKuo.SupplyScheme.Infrastructure;

public class SupplySchemeDbContext(DbContextOptions options) : WorkflowDbContext(options)
{
    private static ValueConverter<T, string> Json<T>() => new(
        value => JsonSerializer.Serialize(value, JsonColumn.Options),
        text => JsonSerializer.Deserialize<T>(text, JsonColumn.Options)!);

    private static ValueComparer<List<T>> JsonComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, JsonColumn.Options) == JsonSerializer.Serialize(b, JsonColumn.Options),
        v => JsonSerializer.Serialize(v, JsonColumn.Options).GetHashCode(StringComparison.Ordinal),
        v => v.ToList());

    public DbSet<SchemeReview> SchemeReviews => Set<SchemeReview>();

    public DbSet<ReviewOpinion> ReviewOpinions => Set<ReviewOpinion>();

    public DbSet<ChargeAccount> ChargeAccounts => Set<ChargeAccount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<SchemeReview>(review =>
        {
            review.ToTable("SchemeReviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.ApplicationNumber).HasMaxLength(32);
            review.Property(r => r.CustomerClass).HasConversion<string>().HasMaxLength(48);
            review.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
            review.Property(r => r.VoltageKv).HasPrecision(9, 3);
            review.Property(r => r.CapacityKva).HasPrecision(12, 3);
            review.Property(r => r.MeteringMethod).HasConversion<string>().HasMaxLength(32);
            review.Property(r => r.Summary).HasMaxLength(2000);
            review.Property(r => r.DraftedBy).HasMaxLength(64);
            review.Property(r => r.MeetingComments).HasMaxLength(1000);
            review.Property(r => r.MeetingDecidedBy).HasMaxLength(64);
            review.Property(r => r.RepliedBy).HasMaxLength(64);
            review.Property(r => r.CustomerComments).HasMaxLength(1000);
            review.Property(r => r.Reviewers).HasMaxLength(400).HasConversion(
                reviewers => string.Join(',', reviewers),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()));
            review.Property(r => r.LateWarnedDepartments).HasMaxLength(400).HasConversion(
                departments => string.Join(',', departments),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToArray()));
            review.Property(r => r.Version).IsConcurrencyToken();
            review.Ignore(r => r.Draft);
            review.Ignore(r => r.NeedsMeeting);
            review.Ignore(r => r.PendingDepartments);
            review.HasMany(r => r.Opinions).WithOne().HasForeignKey(o => o.ReviewId);
            review.Navigation(r => r.Opinions).HasField("_opinions").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

            // One revision per 供电方案答复 round, and one per revision number of an application.
            review.HasIndex(r => r.SchemeReplyWorkItemId).IsUnique();
            review.HasIndex(r => new { r.ApplicationId, r.Revision }).IsUnique();
            // The reviewers' worklist and the meeting agenda.
            review.HasIndex(r => new { r.Status, r.DraftedAt });
            review.HasIndex(r => r.MeetingDate);
        });

        modelBuilder.Entity<ReviewOpinion>(opinion =>
        {
            opinion.ToTable("ReviewOpinions");
            opinion.HasKey(o => o.Id);
            opinion.Property(o => o.Id).ValueGeneratedNever();
            opinion.Property(o => o.Department).HasMaxLength(32);
            opinion.Property(o => o.Comments).HasMaxLength(1000);
            opinion.Property(o => o.Reviewer).HasMaxLength(64);
            // One opinion per department per revision, even when two reviewers of a department answer at once.
            opinion.HasIndex(o => new { o.ReviewId, o.Department }).IsUnique();
        });

        modelBuilder.Entity<ChargeAccount>(account =>
        {
            account.ToTable("ChargeAccounts");
            account.HasKey(a => a.ApplicationId);
            account.Property(a => a.ApplicationNumber).HasMaxLength(32);
            account.Property(a => a.CustomerId).HasMaxLength(64);
            account.Property(a => a.CustomerManager).HasMaxLength(64);
            account.Property(a => a.CustomerClass).HasConversion<string>().HasMaxLength(48);
            account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
            account.Property(a => a.PolicyVersion).HasMaxLength(32);
            account.Property(a => a.TariffVersion).HasMaxLength(32);
            account.Property(a => a.Version).IsConcurrencyToken();
            // Small lists that only ever change with the account: kept beside it as JSON, written under its concurrency token.
            account.Property(a => a.Scheme).HasConversion(Json<ChargedScheme?>()).HasMaxLength(400);
            account.Property<List<ChargeLine>>("_lines").HasColumnName("Lines").HasConversion(Json<List<ChargeLine>>(), JsonComparer<ChargeLine>());
            account.Property<List<ChargePayment>>("_payments").HasColumnName("Payments").HasConversion(Json<List<ChargePayment>>(), JsonComparer<ChargePayment>());
            account.Property<List<ChargeRefund>>("_refunds").HasColumnName("Refunds").HasConversion(Json<List<ChargeRefund>>(), JsonComparer<ChargeRefund>());
            account.Ignore(a => a.Lines);
            account.Ignore(a => a.Payments);
            account.Ignore(a => a.Refunds);
            account.Ignore(a => a.Total);
            account.Ignore(a => a.Paid);
            account.Ignore(a => a.Refunded);
            account.Ignore(a => a.Balance);
            account.Ignore(a => a.IsAssessed);
        });
    }
}

internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>The SQLite flavour (default); carries the SQLite migrations.</summary>
public sealed class SqliteSupplySchemeDbContext(DbContextOptions<SqliteSupplySchemeDbContext> options) : SupplySchemeDbContext(options);

/// <summary>The SQL Server flavour (production); carries the SQL Server migrations.</summary>
public sealed class SqlServerSupplySchemeDbContext(DbContextOptions<SqlServerSupplySchemeDbContext> options) : SupplySchemeDbContext(options);
