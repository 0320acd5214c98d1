namespace GrainMarket.ApiGateway.Streaming;

/// <summary>A message from a watcher: <c>{"type":"place_bid","amount":…,"maxAmount":…,"requestId":"…"}</c>.</summary>
public sealed record WatcherRequest(string? Type, long? Amount, long? MaxAmount, string? RequestId);
