namespace YeKuo.Contracts;

/// <summary>Who owns a step. Each department runs its own service.</summary>
public enum Department
{
    /// <summary>营销/客户服务中心 — 受理.</summary>
    Acceptance,

    /// <summary>发展策划/运检 — 供电方案.</summary>
    SupplyScheme,

    /// <summary>运检/营销 — 工程检查.</summary>
    Inspection,

    /// <summary>计量中心 — 计量接电.</summary>
    Metering,

    /// <summary>客户服务 — 通知.</summary>
    Notification,

    /// <summary>The customer (e.g. confirming the supply scheme).</summary>
    Customer,
}
