namespace GrainMarket.Common;

/// <summary>A response kept for replay under an idempotency key.</summary>
[GenerateSerializer, Alias("gm.common.StoredResponse")]
public sealed record StoredResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Location,
    [property: Id(3)] byte[] Body);
