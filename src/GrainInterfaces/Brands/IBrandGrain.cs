using GrainMarket.Common;

namespace GrainMarket.Brands;

/// <summary>
/// One brand (key: the brand id), in transactional state projected to the <c>brands</c> read model in the same commit.
/// A seller whose rank unlocks brands proposes one; an admin approves or rejects it, and the seller is told.
/// </summary>
[Alias("gm.brand")]
public interface IBrandGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Proposes the brand (pending): refused with <c>rank-too-low</c> when the seller's points are below the rank that
    /// unlocks brands, <c>brand-name-taken</c> when a pending or approved brand has the name. A repeat by the same seller
    /// returns the brand.
    /// </summary>
    [Alias("create")]
    Task<Result<BrandView>> CreateAsync(NewBrand brand);

    /// <summary>The brand, or null when there is none with this id.</summary>
    [Alias("get")]
    Task<BrandView?> GetAsync();

    /// <summary>Approves a pending brand (admin); <c>brand-not-pending</c> otherwise. A repeat returns the brand.</summary>
    [Alias("approve")]
    Task<Result<BrandView>> ApproveAsync();

    /// <summary>Rejects a pending brand (admin) with a reason the seller sees, freeing its name; <c>brand-not-pending</c> otherwise.</summary>
    [Alias("reject")]
    Task<Result<BrandView>> RejectAsync(string reason);
}
