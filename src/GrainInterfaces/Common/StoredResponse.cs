namespace GrainMarket.Common;

/// <summary>A response kept for replay under an idempotency key.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
