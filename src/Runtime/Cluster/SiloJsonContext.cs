using System.Text.Json;
using System.Text.Json.Serialization;
using GrainMarket.Runtime.Transactions;

namespace GrainMarket.Runtime.Cluster;

/// <summary>Source-generated JSON for the silo-to-silo envelope (arguments and results use the grain JSON options).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SiloCallRequest))]
[JsonSerializable(typeof(SiloCallResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(RemoteVotes))]
[JsonSerializable(typeof(TransactionDecision))]
internal sealed partial class SiloJsonContext : JsonSerializerContext;
