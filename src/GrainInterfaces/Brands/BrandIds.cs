using GrainMarket.Common;

namespace GrainMarket.Brands;

/// <summary>A proposed brand's id is derived from the seller and the Idempotency-Key, so a retried proposal reaches the same brand.</summary>
public static class BrandIds
{
    public static Guid FromIdempotencyKey(Guid sellerId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"brand:{sellerId:N}:{idempotencyKey}");
    }
}
