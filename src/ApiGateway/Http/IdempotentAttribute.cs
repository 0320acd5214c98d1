namespace GrainMarket.ApiGateway.Http;

/// <summary>Endpoint metadata: the request must carry an <c>Idempotency-Key</c>, and a retry with it replays the first response.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;
