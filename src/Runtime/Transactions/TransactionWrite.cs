using System.Text.Json.Serialization;

namespace GrainMarket.Runtime.Transactions;

/// <summary>A state the commit writes, if its stored version is still <paramref name="ExpectedVersion"/> (null: no row yet).</summary>
internal sealed record TransactionWrite(GrainId GrainId, string StateName, long? ExpectedVersion, string Json)
{
    /// <summary>
    /// The object <see cref="Json"/> was written from, when the participant is on this silo: its read model is projected
    /// from it instead of from the JSON read back. It never travels between silos.
    /// </summary>
    [JsonIgnore]
    public object? State { get; init; }
}
