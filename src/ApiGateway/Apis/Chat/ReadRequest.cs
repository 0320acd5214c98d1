namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>The sequence of the last message the caller has read.</summary>
public sealed record ReadRequest(long? Sequence);
