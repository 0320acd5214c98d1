namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>Why the seller rejects the proof (the advertiser reads it).</summary>
public sealed record RejectProofRequest(string? Reason);
