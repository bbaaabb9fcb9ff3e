using System.Text.Json.Serialization;

namespace YeKuo.Contracts;

/// <summary>How a 临时用电 ends: the temporary installation is removed (拆除销户), or converted to a permanent supply (转为正式用电).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TemporarySupplyEnding>))]
public enum TemporarySupplyEnding
{
    Remove,
    Convert,
}
