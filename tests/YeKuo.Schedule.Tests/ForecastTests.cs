using YeKuo.Contracts;
using YeKuo.Schedule.Calendar;
using YeKuo.Schedule.Network;
using YeKuo.Schedule.Prediction;
using YeKuo.Schedule.Templates;
using static YeKuo.Schedule.Templates.ActivityIds;

namespace YeKuo.Schedule.Tests;

public sealed class ForecastTests
{
    private static readonly DurationModel Model = DurationModel.Build(GeneratedHistory.Value.Applications);

    [Fact]
    public void The_same_question_gets_the_same_forecast()
    {
        var app = ApplicationNetworks.For(CustomerClass.HighVoltageDualSource, ApplicationKind.CapacityIncrease);
        var start = WorkingDayTimeline.Default.IndexOf(new DateOnly(2026, 11, 2));
        var progress = new Dictionary<string, ActivityProgress> { [Acceptance] = ActivityProgress.Finished(start, start + 1) };

        var a = new PowerOnForecaster(Model, iterations: 500, seed: 1).Forecast(app, start, start + 2, progress);
        var b = new PowerOnForecaster(Model, iterations: 500, seed: 1).Forecast(app, start, start + 2, progress);

        Assert.Equal(a.P50Date, b.P50Date);
        Assert.Equal(a.P90Date, b.P90Date);
        Assert.True(a.P50Index <= a.P90Index);
        Assert.True(a.P50Index > start + 40); // a high-voltage job takes months, most of it the customer's
    }

    [Fact]
    public void Customer_activities_draw_on_past_customers_of_the_same_class_and_kind()
    {
        var app = ApplicationNetworks.For(CustomerClass.HighVoltageSingleSource, ApplicationKind.NewConnection);
        var start = WorkingDayTimeline.Default.IndexOf(new DateOnly(2026, 11, 2));

        var forecast = new PowerOnForecaster(Model, iterations: 200).Forecast(app, start, start, new Dictionary<string, ActivityProgress>());

        Assert.StartsWith($"activity={Construction}|class=HighVoltageSingleSource|kind=NewConnection", forecast.Basis[Construction], StringComparison.Ordinal);
    }

    [Fact]
    public void A_thin_group_falls_back_to_a_coarser_one()
    {
        var few = GeneratedHistory.Value.Applications.Where(a => a.Class == CustomerClass.HighVoltageDualSource && a.Kind == ApplicationKind.TemporarySupply).Take(5)
            .Concat(GeneratedHistory.Value.Applications.Where(a => a.Class == CustomerClass.HighVoltageSingleSource).Take(200));
        var model = DurationModel.Build(few, minSamples: 30);
        var network = ApplicationNetworks.For(CustomerClass.HighVoltageDualSource, ApplicationKind.TemporarySupply).Network;

        var samples = model.SamplesFor(network[Construction], CustomerClass.HighVoltageDualSource, ApplicationKind.TemporarySupply);

        Assert.NotNull(samples);
        Assert.StartsWith($"activity={Construction}|voltage=high-voltage", samples.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void The_forecast_narrows_as_the_application_advances()
    {
        var history = GeneratedHistory.Value;
        var app = history.Applications.Where(a => a.Class == CustomerClass.HighVoltageSingleSource).Skip(100).First();
        var network = ApplicationNetworks.For(app.Class, app.Kind);
        var forecaster = new PowerOnForecaster(Model, iterations: 500);

        var atSubmission = forecaster.Forecast(network, app.SubmittedIndex, app.SubmittedIndex, app.ProgressAt(app.SubmittedIndex));
        var completion = app[CompletionRequest].FinishIndex;
        var atCompletion = forecaster.Forecast(network, app.SubmittedIndex, completion, app.ProgressAt(completion));

        Assert.True(atCompletion.P90Index - atCompletion.P50Index < atSubmission.P90Index - atSubmission.P50Index);
        Assert.True(Math.Abs(atCompletion.P50Index - app.PowerOnIndex) <= 10);
    }

    [Fact]
    public void The_backtest_on_generated_history_covers_at_least_85_percent_with_its_P90()
    {
        var result = ForecastBacktest.Run(GeneratedHistory.Value, ScheduleCalendar.Default, testShare: 0.2, maxTestApplications: 400, iterations: 300);

        foreach (var checkpoint in Enum.GetValues<ForecastCheckpoint>())
        {
            var row = result.Overall(checkpoint);
            Assert.True(row.P90Coverage >= 0.85, $"{checkpoint}: P90 coverage {row.P90Coverage:P1}");
            Assert.InRange(row.P50Coverage, 0.35, 0.75);
        }

        // Later checkpoints know more: the error falls.
        Assert.True(result.Overall(ForecastCheckpoint.CompletionRequest).MeanAbsoluteError < result.Overall(ForecastCheckpoint.Submission).MeanAbsoluteError);
    }
}
