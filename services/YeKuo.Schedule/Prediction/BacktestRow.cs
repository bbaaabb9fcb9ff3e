namespace YeKuo.Schedule.Prediction;

/// <summary>
/// Accuracy of the forecasts at one checkpoint for one group of applications: mean and median absolute error of the
/// P50 date in working days, the share of actual power-on days on or before the P90 date (target ≥ 85 %) and on or
/// before the P50 date (≈ 50 % when calibrated), and the mean width P90 − P50.
/// </summary>
public sealed record BacktestRow(
    ForecastCheckpoint Checkpoint,
    string Group,
    int Applications,
    double MeanAbsoluteError,
    double MedianAbsoluteError,
    double P90Coverage,
    double P50Coverage,
    double MeanP90MinusP50,
    double MeanRemainingDays);
