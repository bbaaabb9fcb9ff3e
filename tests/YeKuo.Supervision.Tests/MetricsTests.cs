using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using YeKuo.Workflow.Hosting.Supervision;

namespace YeKuo.Supervision.Tests;

public sealed class MetricsTests : IDisposable
{
    private static readonly DateTimeOffset Opened = China.At(2026, 3, 2, 10);
    private static readonly DateTimeOffset Due = China.At(2026, 3, 17, 0);

    private readonly SupervisionWorld _world = new(Opened);
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public void Dispose()
    {
        _listener.Dispose();
        _world.Dispose();
    }

    [Fact]
    public async Task Raised_warnings_are_counted_by_level_department_and_step()
    {
        using var service = _world.StartReplica();
        Listen(service.Metrics);
        Assert.Equal(SupervisionMetrics.MeterName, service.Metrics.Meter.Name);
        await service.OpenAsync();

        _world.Time.SetUtcNow(Due);
        await service.ScanAsync();
        await service.ScanAsync();

        var counted = _measurements.Where(m => m.Instrument == "yekuo.supervision.warnings").ToList();
        Assert.Equal(["Escalation", "HalfUsed", "MostlyUsed", "Overdue"], counted.Select(m => (string)m.Tags["level"]!).Order());
        Assert.All(counted, m =>
        {
            Assert.Equal(1, m.Value);
            Assert.Equal("SupplyScheme", m.Tags["department"]);
            Assert.Equal("SchemeReply", m.Tags["step"]);
        });
    }

    [Fact]
    public async Task Overdue_running_items_are_gauged_by_department()
    {
        using var service = _world.StartReplica();
        Listen(service.Metrics);
        await service.OpenAsync();
        var completed = await service.OpenAsync();
        await service.CompleteAsync(completed.Id);

        _world.Time.SetUtcNow(Due - TimeSpan.FromMinutes(1));
        await service.ScanAsync();
        Assert.Empty(Overdue());

        _world.Time.SetUtcNow(Due + TimeSpan.FromMinutes(1));
        await service.ScanAsync();
        Assert.Equal([("SupplyScheme", 1L)], Overdue());
    }

    private List<(string Department, long Value)> Overdue()
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == "yekuo.workitems.overdue").Select(m => ((string)m.Tags["department"]!, m.Value)).ToList();
    }

    private void Listen(SupervisionMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }
}
