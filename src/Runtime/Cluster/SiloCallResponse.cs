using System.Text.Json;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// The answer to a <see cref="SiloCallRequest"/>: the result as JSON of the method's result type, or an error; and,
/// for a call inside a transaction, the silos that now hold participants of it.
/// </summary>
internal sealed record SiloCallResponse(JsonElement? Result, SiloCallError? Error, IReadOnlyList<string>? TransactionSilos = null);
