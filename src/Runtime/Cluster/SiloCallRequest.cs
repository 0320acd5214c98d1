using System.Text.Json;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// A grain call sent to another silo: the target, the interface method, and each argument as JSON of its declared type;
/// <see cref="Sender"/> is the calling silo (null from a cluster client).
/// </summary>
internal sealed record SiloCallRequest(
    string GrainType,
    string Key,
    string Interface,
    int Method,
    IReadOnlyList<JsonElement> Arguments,
    IReadOnlyList<string>? Chain,
    bool Forwarded,
    TransactionToken? Transaction = null,
    string? Sender = null);
