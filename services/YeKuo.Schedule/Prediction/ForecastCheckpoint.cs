namespace YeKuo.Schedule.Prediction;

/// <summary>The moments of an application's life at which a backtest asks for a forecast.</summary>
public enum ForecastCheckpoint
{
    /// <summary>The day the customer applied: nothing done yet.</summary>
    Submission,

    /// <summary>The day the supply scheme was replied (供电方案答复).</summary>
    SchemeReply,

    /// <summary>The day the customer reported completion (竣工报验).</summary>
    CompletionRequest,
}
