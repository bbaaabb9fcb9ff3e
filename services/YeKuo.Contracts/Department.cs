using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>Who is responsible for a step: one of the departments (each runs its own service), or the customer. See <see cref="DepartmentCatalogue"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Department>))]
public enum Department
{
    Acceptance,
    SupplyScheme,
    Inspection,
    Metering,
    Notification,

    /// <summary>The customer's own steps (confirming the scheme, the requests that open the inspections): customer time.</summary>
    Customer,
}
