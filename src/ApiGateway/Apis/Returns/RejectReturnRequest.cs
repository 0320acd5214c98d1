namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>Why the seller (or an admin) rejects a requested return; the buyer reads it.</summary>
public sealed record RejectReturnRequest(string? Reason);
