using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using YeKuo.Contracts;
using YeKuo.Messaging.Persistence;
using YeKuo.Workflow.Hosting;
using YeKuo.Workflow.Hosting.Persistence;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

/// <summary>Shaped like a department service's contexts: a base type plus one subclass per provider.</summary>
public class DepartmentLikeDbContext(DbContextOptions options) : WorkflowDbContext(options);

public sealed class SqliteDepartmentLikeDbContext(DbContextOptions<SqliteDepartmentLikeDbContext> options) : DepartmentLikeDbContext(options);

public sealed class SqlServerDepartmentLikeDbContext(DbContextOptions<SqlServerDepartmentLikeDbContext> options) : DepartmentLikeDbContext(options);

public sealed class RegistrationTests
{
    [Fact]
    public void The_scanner_works_on_the_context_a_department_service_registers()
    {
        using var host = Build(new Dictionary<string, string?>());

        Assert.Equal(typeof(DepartmentLikeDbContext), host.Services.GetRequiredService<SupervisedDbContext>().ContextType);
        Assert.NotNull(host.Services.GetRequiredService<SupervisionScanner>());
    }

    [Fact]
    public void Defaults_warn_at_half_and_four_fifths_escalate_at_overdue_to_head_of_department_and_scan_every_five_seconds()
    {
        using var host = Build(new Dictionary<string, string?>());
        var options = host.Services.GetRequiredService<IOptions<SupervisionOptions>>().Value;

        Assert.Equal([0.5, 0.8], options.EffectiveWarningFractions);
        Assert.Equal(TimeSpan.Zero, options.EscalateAfter);
        Assert.Equal("head-inspection", options.HeadOf(Department.Inspection));
        Assert.Equal(TimeSpan.FromSeconds(5), options.ScanInterval);
    }

    [Theory]
    [InlineData("Supervision:WarningFractions:0", "0.9", "Supervision:WarningFractions:1", "0.5")]
    [InlineData("Supervision:WarningFractions:0", "1.5", "Supervision:ScanInterval", "00:00:05")]
    [InlineData("Supervision:EscalateAfter", "-01:00:00", "Supervision:ScanInterval", "00:00:05")]
    [InlineData("Supervision:ScanInterval", "00:00:00", "Supervision:BatchSize", "100")]
    public void Invalid_supervision_settings_are_refused(string key1, string value1, string key2, string value2)
    {
        using var host = Build(new Dictionary<string, string?> { [key1] = value1, [key2] = value2 });

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SupervisionOptions>>().Value);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        settings["ConnectionStrings:departmentdb"] = "Data Source=:memory:";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDepartmentWorkflow();
        builder.AddServiceDatabase<DepartmentLikeDbContext, SqliteDepartmentLikeDbContext, SqlServerDepartmentLikeDbContext>("departmentdb");
        return builder.Build();
    }
}
