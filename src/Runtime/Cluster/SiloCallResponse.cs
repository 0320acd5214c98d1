using System.Text.Json;

namespace GrainMarket.Runtime.Cluster;

/// <summary>The answer to a <see cref="SiloCallRequest"/>: the result as JSON of the method's result type, or an error.</summary>
internal sealed record SiloCallResponse(JsonElement? Result, SiloCallError? Error);
