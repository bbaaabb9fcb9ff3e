using System.Text.Json.Serialization;

namespace YeKuo.Contracts.Fees;

/// <summary>How a payment reached the company.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentChannel>))]
public enum PaymentChannel
{
    /// <summary>网上缴费: the customer online.</summary>
    Online,

    /// <summary>营业厅: a counter clerk recorded it for the customer.</summary>
    Counter,
}
